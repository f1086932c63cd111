package org.mosaiccrm.platform.spi;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A module's data: its Cayenne project and the migrations that create and evolve its tables.
 * The persistence bundle migrates the schema forward, then merges the project into the one
 * runtime of the platform. When the contribution goes away (module disabled) its entities
 * leave the runtime; its tables and rows stay.
 */
@ConsumerType
public interface DataContribution {

    /** The id of the contributing module; also the name of its DataMap and the event topic segment. */
    String moduleId();

    /**
     * Class-path resource (in the contributing bundle) of the Cayenne project file, e.g.
     * {@code org/example/cayenne-notes.xml}. Its DataMap, named like the module, lies next to it.
     * Null for a module that has tables but no entities (it works with SQL through Cayenne).
     */
    String cayenneProject();

    /** All migrations of the module, in any order; versions 1..n without gaps. */
    List<Migration> migrations();

    /** The tables the module derives from its records, which the platform keeps in step with them. */
    default List<DerivedTable> derivedTables() {
        return List.of();
    }
}
