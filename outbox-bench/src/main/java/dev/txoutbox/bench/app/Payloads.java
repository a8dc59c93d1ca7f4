package dev.txoutbox.bench.app;

import java.math.BigDecimal;

/** The benchmark's event payload: a fixed shape of about 200 bytes of JSON. */
final class Payloads {
  private Payloads() {}

  static String orderPlaced(String orderId, long customerId, BigDecimal amount) {
    return "{\"orderId\":\""
        + orderId
        + "\",\"customerId\":"
        + customerId
        + ",\"amount\":"
        + amount
        + ",\"currency\":\"EUR\",\"channel\":\"web\",\"lines\":3,"
        + "\"shipping\":{\"method\":\"standard\",\"country\":\"NL\",\"postcode\":\"1011AB\"}}";
  }
}
