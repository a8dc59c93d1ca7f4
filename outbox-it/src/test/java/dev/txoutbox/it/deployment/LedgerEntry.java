package dev.txoutbox.it.deployment;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Business data of the test application, in its own persistence unit. */
@Entity
@Table(name = "it_ledger_entry")
public class LedgerEntry {
  @Id private String id;

  protected LedgerEntry() {}

  LedgerEntry(String id) {
    this.id = id;
  }
}
