package dev.txoutbox.internal.relay;

import dev.txoutbox.internal.store.OutboxMessage;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The relay's port to JMS: sends a batch in one transaction. The container's implementation is
 * {@link Sender}; unit tests use a fake broker.
 */
interface Broker {

  /** Sends the messages, in order; the broker has committed each one the outcome calls sent. */
  Outcome send(List<OutboxMessage> messages);

  /**
   * Sends the messages in a transaction whose first step is {@code mark}, which records them as
   * sent and answers how many rows it marked: fewer than the messages means that a lease ran out,
   * and then nothing is sent and they are all lapsed.
   */
  Outcome sendAndMark(List<OutboxMessage> messages, ToIntFunction<List<OutboxMessage>> mark);
}
