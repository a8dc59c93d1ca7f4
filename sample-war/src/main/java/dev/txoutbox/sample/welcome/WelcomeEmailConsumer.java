package dev.txoutbox.sample.welcome;

import dev.txoutbox.publish.MessageProperties;
import dev.txoutbox.sample.users.UserEventsSubscriber;
import dev.txoutbox.sample.users.UserRegistered;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;

/**
 * "Sends" the welcome email of each UserRegistered event by recording it: a subscriber of the topic
 * user-events under the name welcome-email, beside the audit log. One email per user.
 */
@MessageDriven(name = "WelcomeEmailConsumer")
public class WelcomeEmailConsumer extends UserEventsSubscriber {
  private static final Jsonb JSONB = JsonbBuilder.create();

  public WelcomeEmailConsumer() {
    super("welcome-email");
  }

  @Override
  protected boolean handles(String eventType) {
    return "UserRegistered".equals(eventType);
  }

  @Override
  protected WelcomeEmail record(Message event) throws JMSException {
    UserRegistered user = JSONB.fromJson(((TextMessage) event).getText(), UserRegistered.class);
    return new WelcomeEmail(
        user.userId(),
        user.email(),
        event.getStringProperty(MessageProperties.EVENT_ID),
        Instant.now());
  }
}
