package dev.txoutbox.admin.api;

import dev.txoutbox.admin.EventStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads request parameters; a bad value throws {@link InvalidParameter} naming the parameter and
 * what it allows. Absent (null or blank) optional values are null.
 */
final class Parameters {
  static final String STATUSES =
      Arrays.stream(EventStatus.values()).map(EventStatus::name).collect(Collectors.joining(", "));

  private Parameters() {}

  static EventStatus status(String value) {
    if (absent(value)) {
      return null;
    }
    try {
      return EventStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidParameter(
          "status must be one of " + STATUSES + " (any case), not '" + value + "'");
    }
  }

  static Duration duration(String name, String value) {
    if (absent(value)) {
      return null;
    }
    try {
      Duration duration = Duration.parse(value.strip());
      if (!duration.isNegative()) {
        return duration;
      }
    } catch (DateTimeParseException e) {
      // answered below
    }
    throw new InvalidParameter(
        name + " must be an ISO-8601 duration of 0 or more, such as PT10M, not '" + value + "'");
  }

  static Instant instant(String name, String value) {
    if (absent(value)) {
      throw new InvalidParameter(
          name + " is required: an ISO-8601 instant such as 2025-01-31T12:00:00Z");
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidParameter(
          name + " must be an ISO-8601 instant such as 2025-01-31T12:00:00Z, not '" + value + "'");
    }
  }

  /** A whole number; its range is {@link dev.txoutbox.admin.OutboxAdmin}'s to check. */
  static int integer(String name, String value, int absent) {
    if (absent(value)) {
      return absent;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new InvalidParameter(name + " must be a whole number, not '" + value + "'");
    }
  }

  static UUID id(String value) {
    try {
      UUID id = UUID.fromString(value);
      if (id.toString().equalsIgnoreCase(value)) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw new InvalidParameter(
        "id must be a UUID such as 123e4567-e89b-12d3-a456-426614174000, not '" + value + "'");
  }

  static String text(String value) {
    return absent(value) ? null : value;
  }

  private static boolean absent(String value) {
    return value == null || value.isBlank();
  }
}
