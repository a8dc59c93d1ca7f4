package dev.txoutbox.internal.store;

import dev.txoutbox.internal.config.Configuration;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;

/**
 * Puts the entities of the {@code txoutbox} persistence unit in the schema of {@code
 * outbox.store.schema} on Hibernate (WildFly): the physical schema of a table mapped without one
 * (all of the unit's) is the configured schema, so that every statement the provider writes for
 * them names it. Named by {@code hibernate.physical_naming_strategy} in the unit's persistence.xml,
 * which only the unit's own tables pass through; EclipseLink ignores that property, and only
 * Hibernate loads this class.
 */
public class HibernateTables extends PhysicalNamingStrategyStandardImpl {
  private static final long serialVersionUID = 1L;

  @Override
  public Identifier toPhysicalSchemaName(Identifier logicalName, JdbcEnvironment environment) {
    if (logicalName != null) {
      return logicalName;
    }
    return Configuration.schema().map(Identifier::toIdentifier).orElse(null);
  }
}
