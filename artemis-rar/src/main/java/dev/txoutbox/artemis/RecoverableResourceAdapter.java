package dev.txoutbox.artemis;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import javax.transaction.xa.XAResource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.ra.ActiveMQResourceAdapter;
import org.apache.activemq.artemis.ra.inflow.ActiveMQActivationSpec;
import org.apache.activemq.artemis.service.extensions.xa.recovery.ActiveMQXAResourceWrapper;
import org.apache.activemq.artemis.service.extensions.xa.recovery.XARecoveryConfig;

/**
 * Artemis's resource adapter, with the XA resources a transaction manager asks for to recover the
 * branches of MDB deliveries ({@link #getXAResources}).
 *
 * <p>Artemis's own answer is none (with its default {@code useAutoRecovery}, it leaves recovery to
 * a JBoss-style registry) or its running sessions (only for an activation spec equal to an active
 * one, one resource per session). Open Liberty asks with a new activation spec, made from the one
 * it logged, and needs exactly one resource; without it, it can neither finish a delivery whose
 * commit the broker's failure interrupted nor recover any transaction of its log after a crash. So
 * each spec gets one resource of its own here, which connects to the broker when it is used, with
 * the spec's user or else the adapter's.
 */
public class RecoverableResourceAdapter extends ActiveMQResourceAdapter {
  private static final long serialVersionUID = 1L;

  @Override
  public XAResource[] getXAResources(ActivationSpec[] specs) throws ResourceException {
    XAResource[] resources = new XAResource[specs.length];
    for (int i = 0; i < specs.length; i++) {
      ActiveMQActivationSpec spec = (ActiveMQActivationSpec) specs[i];
      ActiveMQConnectionFactory factory = createRecoveryActiveMQConnectionFactory(spec);
      String user = spec.getUser() != null ? spec.getUser() : getUserName();
      String password = spec.getUser() != null ? spec.getPassword() : getPassword();
      resources[i] =
          new ActiveMQXAResourceWrapper(XARecoveryConfig.newConfig(factory, user, password, null));
    }
    return resources;
  }
}
