package dev.txoutbox.internal.config;

/** A configuration value that cannot be used; the message names the key and what it accepts. */
class InvalidConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InvalidConfigException(String key, String problem) {
    super("txoutbox configuration key '" + key + "': " + problem);
  }
}
