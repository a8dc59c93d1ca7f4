package dev.txoutbox.it.cluster;

import dev.txoutbox.publish.OutboxEvent;
import dev.txoutbox.publish.OutboxService;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Publishes a run of events on one ordering key in one transaction (the EJB's). */
@Stateless
public class LoadPublisher {
  @Inject OutboxService outbox;

  public List<UUID> publish(String key, int count) {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(
          outbox.publish(
              OutboxEvent.of("Load", "{\"key\":\"" + key + "\",\"i\":" + i + "}")
                  .orderingKey(key)
                  .build()));
    }
    return ids;
  }
}
