package dev.txoutbox.internal.store;

import dev.txoutbox.internal.config.Configuration;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * Puts the entities of the {@code txoutbox} persistence unit in the schema of {@code
 * outbox.store.schema} on EclipseLink (Open Liberty): before the unit's session logs in, its login
 * gets the schema as table qualifier, which EclipseLink gives every table of the unit (all of them
 * the component's) that names none, so that every statement the provider writes for them names it.
 * Named by {@code eclipselink.session.customizer} in the unit's persistence.xml; Hibernate ignores
 * that property, and only EclipseLink loads this class.
 *
 * <p>It uses {@code org.eclipse.persistence.sessions} only: Open Liberty lets an application
 * without {@code third-party} API visibility see that package, not the rest of EclipseLink ({@code
 * org.eclipse.persistence.descriptors}, for one).
 */
public class EclipseLinkTables implements SessionCustomizer {

  @Override
  public void customize(Session session) {
    Configuration.schema().ifPresent(schema -> session.getLogin().setTableQualifier(schema));
  }
}
