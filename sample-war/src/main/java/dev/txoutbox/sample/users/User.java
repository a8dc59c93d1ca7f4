package dev.txoutbox.sample.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.UUID;

/** A registered user. */
@Entity
@Table(name = "sample_user")
@NamedQuery(
    name = "User.countByEmail",
    query = "SELECT COUNT(u) FROM User u WHERE u.email = :email")
public class User {
  /** The longest name the table holds; {@link Registrations} checks it before the database. */
  public static final int NAME_LENGTH = 200;

  /** The longest email address (RFC 5321) the table holds. */
  public static final int EMAIL_LENGTH = 320;

  @Id
  @Column(length = 36)
  private String id;

  @Column(nullable = false, length = NAME_LENGTH)
  private String name;

  @Column(nullable = false, unique = true, length = EMAIL_LENGTH)
  private String email;

  protected User() {}

  User(String name, String email) {
    this.id = UUID.randomUUID().toString();
    this.name = name;
    this.email = email;
  }

  public String getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getEmail() {
    return email;
  }
}
