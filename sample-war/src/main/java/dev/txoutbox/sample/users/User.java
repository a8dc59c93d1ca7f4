package dev.txoutbox.sample.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.UUID;
import java.util.regex.Pattern;

/** A registered user. */
@Entity
@Table(name = "sample_user")
@NamedQuery(
    name = "User.countByEmail",
    query = "SELECT COUNT(u) FROM User u WHERE u.email = :email")
public class User {
  /** The longest name the table holds. */
  private static final int NAME_LENGTH = 200;

  /** The longest email address (RFC 5321) the table holds. */
  private static final int EMAIL_LENGTH = 320;

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

  @Id
  @Column(length = 36)
  private String id;

  @Column(nullable = false, length = NAME_LENGTH)
  private String name;

  @Column(nullable = false, unique = true, length = EMAIL_LENGTH)
  private String email;

  protected User() {}

  /**
   * A new user, checked before the database sees it.
   *
   * @throws RegistrationRejected when the name or email is missing, malformed or too long
   */
  User(String name, String email) {
    if (name == null || name.isBlank()) {
      throw new RegistrationRejected("name is required");
    }
    if (name.strip().length() > NAME_LENGTH) {
      throw new RegistrationRejected("name is longer than " + NAME_LENGTH + " characters");
    }
    if (email == null || !EMAIL.matcher(email).matches()) {
      throw new RegistrationRejected("email is not a valid address");
    }
    if (email.length() > EMAIL_LENGTH) {
      throw new RegistrationRejected("email is longer than " + EMAIL_LENGTH + " characters");
    }
    this.id = UUID.randomUUID().toString();
    this.name = name.strip();
    this.email = email;
  }

  /** The user as the API answers it. */
  RegisteredUser registered() {
    return new RegisteredUser(id, name, email);
  }
}
