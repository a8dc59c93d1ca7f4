package dev.txoutbox.sample.users;

import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.publish.OutboxService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Registers users: the user row and its UserRegistered event commit in one transaction. The event
 * goes to the topic user-events, whose every subscriber (the welcome email, the audit log) receives
 * it.
 */
@ApplicationScoped
public class Registrations {
  /** The logical destination of the events of users: a topic (outbox.destination.user-events). */
  public static final String USER_EVENTS = "user-events";

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

  @PersistenceContext(unitName = "sample")
  EntityManager em;

  @Inject OutboxService outbox;

  /** The user with this id, if registered. */
  public Optional<User> find(String id) {
    return Optional.ofNullable(em.find(User.class, id));
  }

  @Transactional
  public User register(String name, String email) {
    if (name == null || name.isBlank()) {
      throw new RegistrationRejected("name is required");
    }
    if (name.strip().length() > User.NAME_LENGTH) {
      throw new RegistrationRejected("name is longer than " + User.NAME_LENGTH + " characters");
    }
    if (email == null || !EMAIL.matcher(email).matches()) {
      throw new RegistrationRejected("email is not a valid address");
    }
    if (email.length() > User.EMAIL_LENGTH) {
      throw new RegistrationRejected("email is longer than " + User.EMAIL_LENGTH + " characters");
    }
    if (em.createNamedQuery("User.countByEmail", Long.class)
            .setParameter("email", email)
            .getSingleResult()
        > 0) {
      throw new RegistrationRejected("email is already registered");
    }
    User user = new User(name.strip(), email);
    em.persist(user);
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (isUniqueViolation(e)) {
        // a concurrent registration of the same email won the race for the unique constraint
        throw new RegistrationRejected("email is already registered");
      }
      throw e;
    }
    outbox.publish(
        OutboxEvent.of("UserRegistered", new UserRegistered(user.getId(), user.getName(), email))
            .aggregate("User", user.getId())
            .orderingKey(user.getId())
            .destination(USER_EVENTS)
            .build());
    return user;
  }

  /** SQLState class 23: an integrity constraint; the only unique constraint is the email's. */
  private static boolean isUniqueViolation(Throwable error) {
    return Stream.iterate(error, Objects::nonNull, Throwable::getCause)
        .anyMatch(t -> t instanceof SQLException sql && "23".equals(classOf(sql.getSQLState())));
  }

  private static String classOf(String sqlState) {
    return sqlState == null || sqlState.length() < 2 ? "" : sqlState.substring(0, 2);
  }
}
