package dev.txoutbox.internal.store;

import java.util.List;
import java.util.Optional;

/**
 * The names of the outbox tables as native SQL writes them: qualified by {@code
 * outbox.store.schema} when it is set, as the connection's default schema finds them otherwise.
 * Every native statement takes its table names from here; the JPA mapping follows the same key
 * through {@link EclipseLinkTables} and {@link HibernateTables}.
 */
public record Tables(Optional<String> schema) {

  public static final String MESSAGE = "outbox_message";
  public static final String KEY = "outbox_key";
  public static final String INBOX = "outbox_inbox";
  public static final List<String> ALL = List.of(MESSAGE, KEY, INBOX);

  /** The tables in the connection's default schema. */
  public static final Tables DEFAULT = new Tables(Optional.empty());

  public String message() {
    return qualified(MESSAGE);
  }

  public String key() {
    return qualified(KEY);
  }

  public String qualified(String table) {
    return schema.map(s -> s + "." + table).orElse(table);
  }

  /** Where the tables are, for messages: "in schema messaging" or "in the default schema". */
  public String place() {
    return schema.map(s -> "in schema " + s).orElse("in the connection's default schema");
  }
}
