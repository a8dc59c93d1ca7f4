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
  @Id
  @Column(length = 36)
  private String id;

  @Column(nullable = false, length = 200)
  private String name;

  @Column(nullable = false, unique = true, length = 320)
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
