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

  @PersistenceContext(unitName = "sample")
  EntityManager em;

  @Inject OutboxService outbox;

  /** The user with this id, if registered. */
  public Optional<RegisteredUser> find(String id) {
    return Optional.ofNullable(em.find(User.class, id)).map(User::registered);
  }

  @Transactional
  public RegisteredUser register(String name, String email) {
    User user = new User(name, email);
    if (em.createNamedQuery("User.countByEmail", Long.class)
            .setParameter("email", email)
            .getSingleResult()
        > 0) {
      throw new RegistrationRejected("email is already registered");
    }
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
    RegisteredUser registered = user.registered();
    outbox.publish(
        OutboxEvent.of(
                "UserRegistered",
                new UserRegistered(registered.id(), registered.name(), registered.email()))
            .aggregate("User", registered.id())
            .orderingKey(registered.id())
            .destination(USER_EVENTS)
            .build());
    return registered;
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
