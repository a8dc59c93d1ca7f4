package dev.txoutbox.internal.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The completion of sent rows, each fenced by the claim token it was sent under (id to token): the
 * rows {@code kept} become SENT, the rows {@code deleted} are deleted, and only while that claim
 * still holds them. A relay carries it into its next claim, so that completing and claiming are one
 * statement where the database allows it.
 */
public record Completion(Map<String, String> kept, Map<String, String> deleted) {
  public static final Completion NONE = new Completion(Map.of(), Map.of());

  public Completion {
    kept = Map.copyOf(kept);
    deleted = Map.copyOf(deleted);
  }

  /** The completion of {@code kept} and {@code deleted} rows, all claimed under {@code token}. */
  public static Completion of(String token, List<String> kept, List<String> deleted) {
    Map<String, String> keep = new LinkedHashMap<>();
    kept.forEach(id -> keep.put(id, token));
    Map<String, String> delete = new LinkedHashMap<>();
    deleted.forEach(id -> delete.put(id, token));
    return new Completion(keep, delete);
  }

  public Completion plus(Completion other) {
    Map<String, String> keep = new LinkedHashMap<>(kept);
    keep.putAll(other.kept);
    Map<String, String> delete = new LinkedHashMap<>(deleted);
    delete.putAll(other.deleted);
    return new Completion(keep, delete);
  }

  public boolean isEmpty() {
    return kept.isEmpty() && deleted.isEmpty();
  }

  public int size() {
    return kept.size() + deleted.size();
  }
}
