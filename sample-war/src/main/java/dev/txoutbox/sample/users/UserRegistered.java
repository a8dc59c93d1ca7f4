package dev.txoutbox.sample.users;

/** The payload of the {@code UserRegistered} event, serialized with JSON-B by the outbox. */
public record UserRegistered(String userId, String name, String email) {}
