package dev.txoutbox.admin;

/** Where an event is in its life. */
public enum EventStatus {
  /** Committed and waiting to be sent, or waiting for its next attempt. */
  PENDING,
  /** Handed to the broker. */
  SENT,
  /** Given up after the last attempt; sent again only when an operator replays it. */
  DEAD,
  /** Set aside by an operator, with a reason; never sent. */
  SKIPPED
}
