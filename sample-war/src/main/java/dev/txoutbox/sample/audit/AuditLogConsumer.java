package dev.txoutbox.sample.audit;

import dev.txoutbox.publish.MessageProperties;
import dev.txoutbox.sample.users.UserEventsSubscriber;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Instant;

/**
 * Records every event of the topic user-events in the audit log: a subscriber of its own beside the
 * welcome email, under the name audit-log.
 */
@MessageDriven(name = "AuditLogConsumer")
public class AuditLogConsumer extends UserEventsSubscriber {

  public AuditLogConsumer() {
    super("audit-log");
  }

  @Override
  protected AuditEntry record(Message event) throws JMSException {
    return new AuditEntry(
        event.getStringProperty(MessageProperties.EVENT_ID),
        event.getJMSType(),
        event.getStringProperty(MessageProperties.AGGREGATE_ID),
        Instant.ofEpochMilli(event.getLongProperty(MessageProperties.CREATED_AT)),
        Instant.now());
  }
}
