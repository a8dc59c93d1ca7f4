package dev.txoutbox.sample.users;

/** A registered user, as {@link Registrations} answers it and the API returns it. */
public record RegisteredUser(String id, String name, String email) {}
