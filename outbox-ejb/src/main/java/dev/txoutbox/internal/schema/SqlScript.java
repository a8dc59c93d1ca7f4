package dev.txoutbox.internal.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * The statements of a shipped migration, for {@code outbox.store.initialize-schema}: split at each
 * {@code ;} that ends a statement, and only there. Comments ({@code --} to the end of the line,
 * which covers Liquibase's {@code --changeset} headers, and {@code /* *}{@code /}) are dropped; a
 * {@code ;} inside a string literal ({@code '…'}, with {@code ''} inside), a quoted identifier
 * ({@code "…"} or MariaDB's {@code `…`}) or a PostgreSQL dollar-quoted body ({@code $$…$$}, {@code
 * $tag$…$tag$}) stays in its statement, and those are kept as written. Text after the last {@code
 * ;} is a statement too.
 */
final class SqlScript {

  private final String text;
  private final List<String> statements = new ArrayList<>();
  private final StringBuilder current = new StringBuilder();
  private int at;

  private SqlScript(String text) {
    this.text = text;
  }

  /** The statements of {@code text}, without comments, trimmed, in order. */
  static List<String> statements(String text) {
    SqlScript script = new SqlScript(text);
    script.split();
    return List.copyOf(script.statements);
  }

  private void split() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == ';') {
        end();
        at++;
      } else if (text.startsWith("--", at)) {
        skipTo("\n", false);
        current.append('\n');
      } else if (text.startsWith("/*", at)) {
        at += 2;
        skipTo("*/", false);
        current.append(' ');
      } else if (c == '\'' || c == '"' || c == '`') {
        quoted(String.valueOf(c));
      } else if (c == '$' && dollarTag() != null) {
        quoted(dollarTag());
      } else {
        current.append(c);
        at++;
      }
    }
    end();
  }

  /**
   * Copies a quoted run from its opening {@code quote} through the closing one; a doubled quote
   * inside ({@code 'it''s'}) reads as a closing and an opening quote, which copies it whole.
   */
  private void quoted(String quote) {
    current.append(quote);
    at += quote.length();
    skipTo(quote, true);
  }

  /** Moves past the next {@code end} (or to the end of the text), copying the text if asked. */
  private void skipTo(String end, boolean copy) {
    int found = text.indexOf(end, at);
    int stop = found < 0 ? text.length() : found + end.length();
    if (copy) {
      current.append(text, at, stop);
    }
    at = stop;
  }

  /** The dollar quote that starts here ({@code $$} or {@code $tag$}), or null ({@code $1}). */
  private String dollarTag() {
    int i = at + 1;
    while (i < text.length()
        && (Character.isLetter(text.charAt(i))
            || text.charAt(i) == '_'
            || (i > at + 1 && Character.isDigit(text.charAt(i))))) {
      i++;
    }
    if (i < text.length() && text.charAt(i) == '$') {
      return text.substring(at, i + 1);
    }
    return null;
  }

  private void end() {
    String statement = current.toString().strip();
    if (!statement.isEmpty()) {
      statements.add(statement);
    }
    current.setLength(0);
  }
}
