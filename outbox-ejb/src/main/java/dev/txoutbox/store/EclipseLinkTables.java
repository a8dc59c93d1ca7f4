package dev.txoutbox.store;

import dev.txoutbox.config.Configuration;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * Puts the entities of the {@code txoutbox} persistence unit in the schema of {@code
 * outbox.store.schema} on EclipseLink (Open Liberty), before the unit's session logs in: each
 * descriptor's tables get the schema as qualifier, so that every statement the provider writes for
 * them names it. Named by {@code eclipselink.session.customizer} in the unit's persistence.xml;
 * Hibernate ignores that property, and only EclipseLink loads this class.
 */
public class EclipseLinkTables implements SessionCustomizer {

  @Override
  public void customize(Session session) {
    Configuration.schema()
        .ifPresent(
            schema -> {
              for (ClassDescriptor descriptor : session.getDescriptors().values()) {
                if (descriptor.getJavaClass().getName().startsWith("dev.txoutbox.")) {
                  descriptor.setTableQualifier(schema);
                }
              }
            });
  }
}
