package dev.txoutbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Java sources of a module, read as text: their packages, public types and imports. */
record Sources(Path root, List<Source> files) {
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "(?m)^public (?:(?:final|abstract|sealed|non-sealed|strictfp) )*"
              + "(?:class|interface|record|enum|@interface) (\\w+)");
  private static final Pattern IMPORT =
      Pattern.compile("(?m)^import (?:static )?(dev\\.txoutbox\\.[\\w.]+);");

  /** One source file: its package, its public top-level type if any, what it imports. */
  record Source(Path path, String packageName, String publicType, Set<String> imports) {

    /** Whether it imports anything of {@code packageName} or its subpackages. */
    boolean imports(String packageName) {
      return imports.stream().anyMatch(i -> i.startsWith(packageName + "."));
    }
  }

  /** The sources under {@code src/main/java} of the module at {@code module}. */
  static Sources of(Path module) {
    Path root = module.resolve("src/main/java");
    try (Stream<Path> paths = Files.walk(root)) {
      return new Sources(
          root,
          paths.filter(p -> p.toString().endsWith(".java")).sorted().map(Sources::read).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Source read(Path path) {
    try {
      String text = Files.readString(path);
      Matcher pkg = PACKAGE.matcher(text);
      String packageName = pkg.find() ? pkg.group(1) : "";
      Matcher type = PUBLIC_TYPE.matcher(text);
      String publicType = type.find() ? packageName + "." + type.group(1) : null;
      Set<String> imports = new TreeSet<>();
      Matcher imported = IMPORT.matcher(text);
      while (imported.find()) {
        imports.add(imported.group(1));
      }
      return new Source(path, packageName, publicType, imports);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The packages that hold at least one source file. */
  Set<String> packages() {
    Set<String> packages = new TreeSet<>();
    files.forEach(f -> packages.add(f.packageName()));
    return packages;
  }

  /** The files of {@code packageName} and its subpackages. */
  Stream<Source> in(String packageName) {
    return files.stream()
        .filter(
            f ->
                f.packageName().equals(packageName)
                    || f.packageName().startsWith(packageName + "."));
  }
}
