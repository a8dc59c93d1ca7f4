package ${package};

/** The payload of the OrderPlaced event; the outbox serializes it with JSON-B. */
public record OrderPlaced(String orderId, String item, int quantity) {}
