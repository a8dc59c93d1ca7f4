package dev.txoutbox.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The configuration as the component reads it, logged once at startup: the sources it sees, and one
 * line per key whose value is not the component's default, with the source that supplied it. A file
 * the component does not read is missing from the list, so a misplaced one shows at once.
 */
final class ConfigReport {
  /**
   * The {@code config_ordinal} of the component's own defaults: below the default 100, so that a
   * user's {@code microprofile-config.properties} overrides them without an ordinal of its own.
   */
  static final int DEFAULTS_ORDINAL = 50;

  private static final Logger LOG = Logger.getLogger(ConfigReport.class.getName());
  private static final String PREFIX = "outbox.";

  private ConfigReport() {}

  static void log(Config config) {
    lines(config).forEach(LOG::info);
  }

  static List<String> lines(Config config) {
    Optional<ConfigSource> defaults = defaults(config);
    List<String> lines = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (ConfigSource source : config.getConfigSources()) {
      sources.add(source.getName() + " (ordinal " + source.getOrdinal() + ")");
    }
    lines.add("txoutbox: configuration sources, highest ordinal first: " + sources);
    TreeSet<String> keys = new TreeSet<>();
    defaults.ifPresent(
        d -> d.getPropertyNames().stream().filter(ConfigReport::ours).forEach(keys::add));
    StreamSupport.stream(config.getPropertyNames().spliterator(), false)
        .filter(ConfigReport::ours)
        .forEach(keys::add);
    for (String key : keys) {
      ConfigValue value = config.getConfigValue(key);
      String standard = defaults.map(d -> d.getValue(key)).orElse(null);
      if (value.getValue() != null && !Objects.equals(value.getValue(), standard)) {
        lines.add(
            "txoutbox: "
                + key
                + "="
                + value.getValue()
                + " from "
                + value.getSourceName()
                + " (ordinal "
                + value.getSourceOrdinal()
                + ")");
      }
    }
    return lines;
  }

  private static boolean ours(String key) {
    return key.startsWith(PREFIX);
  }

  private static Optional<ConfigSource> defaults(Config config) {
    return StreamSupport.stream(config.getConfigSources().spliterator(), false)
        .filter(s -> s.getOrdinal() == DEFAULTS_ORDINAL)
        .filter(s -> s.getValue("outbox.delivery.mode") != null)
        .findFirst();
  }
}
