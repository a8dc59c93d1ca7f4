package dev.txoutbox.internal.store;

/** Where an outbox row is in its life. */
public enum Status {
  /** Committed and waiting to be sent, or waiting for its next attempt. */
  PENDING,
  /** Handed to the broker. */
  SENT,
  /** Given up after the last attempt; sent again only when an operator replays it. */
  DEAD,
  /** Set aside by an operator, with a reason. */
  SKIPPED
}
