package dev.txoutbox.internal.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed reads of raw configuration text; every failure names its key. */
final class Values {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
  // an unquoted name that Derby, PostgreSQL and MariaDB all take as it is written (PostgreSQL
  // truncates names past 63 bytes)
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private final Function<String, Optional<String>> raw;

  Values(Function<String, Optional<String>> raw) {
    this.raw = raw;
  }

  String text(String key) {
    return text(key, "no value is set");
  }

  /** A key that must be set; {@code unset} is the problem to report when it is not. */
  String text(String key, String unset) {
    return raw.apply(key)
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .orElseThrow(() -> new InvalidConfigException(key, unset));
  }

  /**
   * A retry policy from {@code prefix + initial-delay} and so on. With a {@code fallback}, an unset
   * key takes the fallback's value; without one, every key must be set.
   */
  static OutboxConfig.RetryPolicy retry(
      Values v, String prefix, OutboxConfig.RetryPolicy fallback) {
    Values own = fallback == null ? v : v.withDefaults(prefix, fallback);
    Duration initialDelay = own.durationAtLeast(prefix + "initial-delay", Duration.ofMillis(1));
    return new OutboxConfig.RetryPolicy(
        initialDelay,
        own.decimal(prefix + "multiplier", 1.0, 100.0),
        own.durationAtLeast(prefix + "max-delay", initialDelay, prefix + "initial-delay"),
        own.decimal(prefix + "jitter", 0.0, 1.0),
        own.integer(prefix + "max-attempts", 1, 1000));
  }

  /**
   * The policies of {@code outbox.retry.type.<EventType>.*}, each falling back to {@code general}.
   */
  static Map<String, OutboxConfig.RetryPolicy> retryByType(
      Values v, Iterable<String> names, String prefix, OutboxConfig.RetryPolicy general) {
    Map<String, OutboxConfig.RetryPolicy> byType = new HashMap<>();
    for (String name : names) {
      if (name.startsWith(prefix) && name.lastIndexOf('.') > prefix.length()) {
        String type = name.substring(prefix.length(), name.lastIndexOf('.'));
        byType.computeIfAbsent(type, t -> retry(v, prefix + t + ".", general));
      }
    }
    return Map.copyOf(byType);
  }

  private Values withDefaults(String prefix, OutboxConfig.RetryPolicy fallback) {
    Map<String, String> defaults =
        Map.of(
            prefix + "initial-delay", fallback.initialDelay().toString(),
            prefix + "multiplier", Double.toString(fallback.multiplier()),
            prefix + "max-delay", fallback.maxDelay().toString(),
            prefix + "jitter", Double.toString(fallback.jitter()),
            prefix + "max-attempts", Integer.toString(fallback.maxAttempts()));
    return new Values(key -> raw.apply(key).or(() -> Optional.ofNullable(defaults.get(key))));
  }

  /** An optional SQL name: unset or blank is empty; otherwise a plain, unquoted identifier. */
  Optional<String> identifier(String key) {
    Optional<String> value = raw.apply(key).map(String::trim).filter(s -> !s.isEmpty());
    value
        .filter(name -> !IDENTIFIER.matcher(name).matches())
        .ifPresent(
            name -> {
              throw new InvalidConfigException(
                  key,
                  "'"
                      + name
                      + "' is not a plain SQL name: write letters, digits and _ only, not starting"
                      + " with a digit, at most 63 of them and without quotes (or leave it empty"
                      + " for the connection's default schema)");
            });
    return value;
  }

  <E extends Enum<E>> E choice(String key, Class<E> type) {
    String value = text(key);
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(
          key,
          "'"
              + value
              + "' is not one of "
              + Arrays.stream(type.getEnumConstants())
                  .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                  .toList());
    }
  }

  boolean bool(String key) {
    String value = text(key).toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new InvalidConfigException(key, "'" + value + "' is not true or false");
    };
  }

  int integer(String key, int min, int max) {
    String value = text(key);
    try {
      int number = Integer.parseInt(value);
      if (number < min || number > max) {
        throw new InvalidConfigException(
            key, value + " is out of range: use a whole number from " + min + " to " + max);
      }
      return number;
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(key, "'" + value + "' is not a whole number");
    }
  }

  double decimal(String key, double min, double max) {
    String value = text(key);
    try {
      double number = Double.parseDouble(value);
      if (!(number >= min && number <= max)) {
        throw new InvalidConfigException(
            key, value + " is out of range: use a number from " + min + " to " + max);
      }
      return number;
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(key, "'" + value + "' is not a number");
    }
  }

  Duration durationAtLeast(String key, Duration min) {
    String value = text(key);
    Duration duration = parseDuration(key, value);
    if (duration.compareTo(min) < 0) {
      throw new InvalidConfigException(key, value + " is too short: use at least " + min);
    }
    return duration;
  }

  Duration durationAtLeast(String key, Duration min, String minKey) {
    String value = text(key);
    Duration duration = parseDuration(key, value);
    if (duration.compareTo(min) < 0) {
      throw new InvalidConfigException(
          key, value + " is shorter than " + minKey + " (" + min + ")");
    }
    return duration;
  }

  private static Duration parseDuration(String key, String value) {
    Matcher m = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidConfigException(
          key, "'" + value + "' is not a duration: write PT5S, 5s or 500ms");
    }
  }
}
