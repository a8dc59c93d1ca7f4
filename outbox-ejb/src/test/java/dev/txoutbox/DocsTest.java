package dev.txoutbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documents hold together: every relative link and image of the README, CONTRIBUTING.md,
 * CHANGELOG.md and docs/ names a file that exists, and every {@code #anchor} a heading of its page
 * (by GitHub's rules); docs/configuration.md lists exactly the keys the component reads; and the
 * README stays short enough to read in one sitting.
 */
class DocsTest {

  /** Maven runs a module's tests in the module's directory; the documents are one level up. */
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static final int README_MAX_LINES = 250;

  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
  private static final Pattern LINK =
      Pattern.compile(
          "!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(\\s*(<[^>]*>|[^)\\s]+)"
              + "(?:\\s+(?:\"[^\"]*\"|'[^']*'))?\\s*\\)");
  private static final Pattern REFERENCE = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*(\\S+)");
  private static final Pattern HTML_TARGET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
  private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
  private static final Pattern KEY = Pattern.compile("outbox\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.?");
  private static final Pattern KEY_ROW = Pattern.compile("^\\|\\s*`(outbox\\.[^`]+)`\\s*\\|");

  @Test
  void everyRelativeLinkAndImageNamesAnExistingFile() {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path page : pages()) {
      for (Link link : links(page)) {
        if (!link.path().isEmpty()) {
          checked++;
          Path target = target(page, link);
          if (!target.startsWith(ROOT) || !Files.exists(target)) {
            broken.add(link.where() + ": " + link.text() + " names no file");
          }
        }
      }
    }
    assertThat(checked).as("relative links found").isPositive();
    assertThat(broken).as("links and images to files that do not exist").isEmpty();
  }

  @Test
  void everyAnchorNamesAHeadingOfItsPage() {
    Map<Path, Set<String>> anchors = new HashMap<>();
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      for (Link link : links(page)) {
        Path target = link.path().isEmpty() ? page : target(page, link);
        if (link.anchor().isEmpty()
            || !target.toString().endsWith(".md")
            || !Files.isRegularFile(target)) {
          continue;
        }
        Set<String> headings = anchors.computeIfAbsent(target, DocsTest::anchors);
        if (!headings.contains(link.anchor())) {
          broken.add(
              link.where()
                  + ": "
                  + link.text()
                  + " names no heading of "
                  + ROOT.relativize(target)
                  + " (it has "
                  + headings
                  + ")");
        }
      }
    }
    assertThat(broken).as("anchors that match no heading").isEmpty();
  }

  @Test
  void everyKeyTheCodeReadsIsInTheConfigurationReference() {
    Keys code = keysTheCodeReads();
    Keys documented = keysTheReferenceLists();
    Set<String> missing = new TreeSet<>();
    for (String key : code.keys()) {
      if (!documented.keys().contains(key)
          && documented.prefixes().stream().noneMatch(key::startsWith)) {
        missing.add(key);
      }
    }
    for (String prefix : code.prefixes()) {
      boolean covered =
          documented.prefixes().stream().anyMatch(p -> p.startsWith(prefix))
              || documented.keys().stream().anyMatch(k -> k.startsWith(prefix));
      if (!covered) {
        missing.add(prefix + "<...>");
      }
    }
    assertThat(missing)
        .as("keys the code reads that docs/configuration.md does not list")
        .isEmpty();
  }

  @Test
  void everyKeyTheReferenceListsIsReadByTheCode() {
    Keys code = keysTheCodeReads();
    Keys documented = keysTheReferenceLists();
    Set<String> unread = new TreeSet<>();
    for (String key : documented.keys()) {
      boolean read =
          code.keys().contains(key)
              || code.prefixes().stream()
                  .anyMatch(
                      p ->
                          key.startsWith(p) && code.literals().contains(key.substring(p.length())));
      if (!read) {
        unread.add(key);
      }
    }
    for (String prefix : documented.prefixes()) {
      if (!code.prefixes().contains(prefix)) {
        unread.add(prefix + "<...>");
      }
    }
    assertThat(documented.keys()).as("keys listed in docs/configuration.md").isNotEmpty();
    assertThat(unread).as("keys docs/configuration.md lists that the code never reads").isEmpty();
  }

  @Test
  void readmeHasAtMost250Lines() throws IOException {
    List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));

    assertThat(readme.size())
        .as(
            "README.md's lines: the manual goes to docs/, the contributor's guide to CONTRIBUTING.md")
        .isLessThanOrEqualTo(README_MAX_LINES);
  }

  /** README.md, CONTRIBUTING.md, CHANGELOG.md and every page of docs/. */
  private static List<Path> pages() {
    List<Path> pages = new ArrayList<>();
    for (String name : List.of("README.md", "CONTRIBUTING.md", "CHANGELOG.md")) {
      assertThat(ROOT.resolve(name)).as("the repository's " + name).isRegularFile();
      pages.add(ROOT.resolve(name));
    }
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pages;
  }

  /** A link's target, split into the file it names (empty: this page) and its anchor. */
  private record Link(String where, String text, String path, String anchor) {}

  /** The relative links of a page, outside code blocks and code spans; URLs are left out. */
  private static List<Link> links(Path page) {
    List<Link> links = new ArrayList<>();
    for (Map.Entry<Integer, String> numbered : prose(page).entrySet()) {
      String text = withoutCodeSpans(numbered.getValue());
      String where = ROOT.relativize(page) + ":" + numbered.getKey();
      for (Pattern pattern : List.of(LINK, REFERENCE, HTML_TARGET)) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
          String target = m.group(1);
          if (target.startsWith("<") && target.endsWith(">")) {
            target = target.substring(1, target.length() - 1);
          }
          if (SCHEME.matcher(target).find()) {
            continue;
          }
          int hash = target.indexOf('#');
          String path = hash < 0 ? target : target.substring(0, hash);
          String anchor = hash < 0 ? "" : target.substring(hash + 1);
          links.add(new Link(where, m.group(), decode(path), decode(anchor)));
        }
      }
    }
    return links;
  }

  /** A page's lines outside fenced code blocks, by their line number (from 1). */
  private static Map<Integer, String> prose(Path page) {
    Map<Integer, String> prose = new LinkedHashMap<>();
    List<String> lines = read(page);
    String fence = null;
    for (int i = 0; i < lines.size(); i++) {
      Matcher opening = FENCE.matcher(lines.get(i));
      if (opening.find()) {
        String run = opening.group(1);
        if (fence == null) {
          fence = run;
        } else if (run.charAt(0) == fence.charAt(0) && run.length() >= fence.length()) {
          fence = null;
        }
      } else if (fence == null) {
        prose.put(i + 1, lines.get(i));
      }
    }
    return prose;
  }

  private static Path target(Path page, Link link) {
    return page.getParent().resolve(link.path()).normalize();
  }

  /** The anchors GitHub gives a page's headings, and those of its HTML anchors. */
  private static Set<String> anchors(Path page) {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : prose(page).values()) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        String slug = slug(heading.group(1));
        int repeats = seen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(repeats == 0 ? slug : slug + "-" + repeats);
      }
      Matcher html = HTML_ANCHOR.matcher(line);
      while (html.find()) {
        anchors.add(html.group(1));
      }
    }
    return anchors;
  }

  /**
   * GitHub's anchor of a heading: its text as rendered (link text, code without backticks),
   * lowercase, without punctuation but {@code -} and {@code _}, each space a {@code -}.
   */
  private static String slug(String heading) {
    String text =
        heading
            .replaceAll("!\\[[^\\]]*\\]\\([^)]*\\)", "")
            .replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
            .replaceAll("<[^>]+>", "");
    return text.toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
        .replace(' ', '-');
  }

  private static String withoutCodeSpans(String line) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < line.length()) {
      if (line.charAt(i) != '`') {
        out.append(line.charAt(i++));
        continue;
      }
      int run = i;
      while (run < line.length() && line.charAt(run) == '`') {
        run++;
      }
      String ticks = line.substring(i, run);
      int close = line.indexOf(ticks, run);
      while (close >= 0
          && close + ticks.length() < line.length()
          && line.charAt(close + ticks.length()) == '`') {
        close = line.indexOf(ticks, close + ticks.length() + 1);
      }
      if (close < 0) {
        out.append(ticks);
        i = run;
      } else {
        i = close + ticks.length();
      }
    }
    return out.toString();
  }

  /**
   * Configuration keys: whole keys, and prefixes (ending in a dot) that a key is read under, such
   * as {@code outbox.destination.} for {@code outbox.destination.<name>}; and, for the code, every
   * string literal, so that a key built as prefix + literal counts as read.
   */
  private record Keys(Set<String> keys, Set<String> prefixes, Set<String> literals) {}

  /**
   * The {@code outbox.*} keys in the string literals of every class of outbox-ejb (wherever its
   * packages are), and the keys of its shipped defaults.
   */
  private static Keys keysTheCodeReads() {
    Path module = ROOT.resolve("outbox-ejb/src/main");
    Set<String> literals = new TreeSet<>();
    try (Stream<Path> files = Files.walk(module.resolve("java"))) {
      files
          .filter(p -> p.toString().endsWith(".java"))
          .forEach(p -> literals.addAll(stringLiterals(String.join("\n", read(p)))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> keys = new TreeSet<>();
    Set<String> prefixes = new TreeSet<>();
    for (String literal : literals) {
      if (KEY.matcher(literal).matches()) {
        (literal.endsWith(".") ? prefixes : keys).add(literal);
      }
    }
    for (String line : read(module.resolve("resources/META-INF/microprofile-config.properties"))) {
      String entry = line.strip();
      int equals = entry.indexOf('=');
      if (entry.startsWith("outbox.") && equals > 0) {
        keys.add(entry.substring(0, equals).strip());
      }
    }
    assertThat(keys).as("keys found in outbox-ejb").isNotEmpty();
    return new Keys(keys, prefixes, literals);
  }

  /**
   * The keys in the first column of docs/configuration.md's tables: {@code outbox.relay.lease}, or
   * a pattern such as {@code outbox.retry.type.<EventType>.<key>}, whose prefix is everything
   * before its first {@code <}.
   */
  private static Keys keysTheReferenceLists() {
    Set<String> keys = new TreeSet<>();
    Set<String> prefixes = new TreeSet<>();
    for (String line : read(ROOT.resolve("docs/configuration.md"))) {
      Matcher row = KEY_ROW.matcher(line);
      if (row.find()) {
        String key = row.group(1);
        int pattern = key.indexOf('<');
        if (pattern < 0) {
          keys.add(key);
        } else {
          prefixes.add(key.substring(0, pattern));
        }
      }
    }
    return new Keys(keys, prefixes, Set.of());
  }

  /** The contents of a Java source's string literals and text blocks, comments left out. */
  private static List<String> stringLiterals(String java) {
    List<String> literals = new ArrayList<>();
    int i = 0;
    int n = java.length();
    while (i < n) {
      char c = java.charAt(i);
      if (java.startsWith("//", i)) {
        int end = java.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (java.startsWith("/*", i)) {
        int end = java.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (java.startsWith("\"\"\"", i)) {
        int end = java.indexOf("\"\"\"", i + 3);
        literals.add(java.substring(i + 3, end < 0 ? n : end));
        i = end < 0 ? n : end + 3;
      } else if (c == '"' || c == '\'') {
        StringBuilder literal = new StringBuilder();
        i++;
        while (i < n && java.charAt(i) != c) {
          if (java.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          literal.append(java.charAt(i++));
        }
        i++;
        if (c == '"') {
          literals.add(literal.toString());
        }
      } else {
        i++;
      }
    }
    return literals;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
