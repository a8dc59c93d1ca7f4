package dev.txoutbox.internal.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The default name of this server in claims: host name and process id. */
final class Node {
  /** Claims store node id, '/' and a UUID in a column of 100 characters. */
  static final int MAX_LENGTH = 60;

  private Node() {}

  static String defaultId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    String id = host + ":" + ProcessHandle.current().pid();
    return id.length() > MAX_LENGTH ? id.substring(id.length() - MAX_LENGTH) : id;
  }
}
