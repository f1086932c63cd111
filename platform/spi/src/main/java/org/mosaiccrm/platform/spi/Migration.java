package org.mosaiccrm.platform.spi;

import java.sql.SQLException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One forward step of a module's schema. Versions start at 1 and increase by one; the
 * platform records the version each module's schema has reached and applies the missing
 * steps in order, each in its own transaction. A step, once released, never changes.
 */
@ConsumerType
public interface Migration {

    int version();

    String description();

    void apply(MigrationContext context) throws SQLException;

    /** The work of a migration written as a lambda: see {@link #of(int, String, Step)}. */
    @FunctionalInterface
    interface Step {
        void apply(MigrationContext context) throws SQLException;
    }

    /** A migration whose work depends on the database (sort indexes, collations): {@code step} does it. */
    static Migration of(int version, String description, Step step) {
        return new Migration() {
            @Override
            public int version() {
                return version;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public void apply(MigrationContext context) throws SQLException {
                step.apply(context);
            }
        };
    }

    /** A migration made of plain SQL statements that are the same on every database. */
    static Migration of(int version, String description, String... statements) {
        return of(version, description, context -> context.execute(statements));
    }
}
