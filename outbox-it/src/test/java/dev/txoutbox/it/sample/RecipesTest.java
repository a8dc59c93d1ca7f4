package dev.txoutbox.it.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each file a page of docs/ shows (a fenced block after {@code <!-- recipe: path -->}) is the
 * repository's file as it is: the starter's as generated with groupId com.example and artifactId
 * orders, or a file of server-config that the suite runs with.
 */
class RecipesTest {
  private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).resolve("..");
  private static final String STARTER =
      "txoutbox-archetype/src/main/resources/archetype-resources/";
  private static final Pattern RECIPE =
      Pattern.compile("<!-- recipe: (\\S+) -->\\n```[a-z]*\\n(.*?)```\\n", Pattern.DOTALL);
  private static final Map<String, String> GENERATED =
      Map.of(
          "${groupId}", "com.example",
          "${rootArtifactId}", "orders",
          "${artifactId}", "orders",
          "${version}", "1.0-SNAPSHOT",
          "${package}", "com.example.orders",
          "${httpPort}", "9080",
          "${httpsPort}", "9443",
          "${jmsPort}", "7276",
          "${jmsSslPort}", "7286");

  @Test
  void gettingStartedShowsTheStartersFilesAsTheyAre() throws IOException {
    List<String> shown = checkRecipes(ROOT.resolve("docs/getting-started.md"));

    assertThat(shown)
        .contains(
            STARTER + "ear/pom.xml",
            STARTER + "ear/src/main/liberty/config/server.xml",
            STARTER + "ear/src/main/wildfly/configure.cli",
            STARTER + "ejb/src/main/resources/META-INF/microprofile-config.properties",
            STARTER + "ejb/src/main/resources/META-INF/ibm-ejb-jar-bnd.xml",
            "server-config/src/main/liberty/config/datasources/postgresql.xml");
  }

  private static List<String> checkRecipes(Path page) throws IOException {
    Matcher recipe = RECIPE.matcher(Files.readString(page));
    List<String> shown = new ArrayList<>();
    while (recipe.find()) {
      String path = recipe.group(1);
      String file = Files.readString(ROOT.resolve(path));
      if (path.startsWith(STARTER)) {
        for (Map.Entry<String, String> value : GENERATED.entrySet()) {
          file = file.replace(value.getKey(), value.getValue());
        }
      }
      assertThat(recipe.group(2)).as(page + " shows " + path).isEqualTo(file);
      shown.add(path);
    }
    return shown;
  }
}
