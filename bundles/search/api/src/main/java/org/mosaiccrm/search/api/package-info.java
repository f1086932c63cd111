/**
 * The search SPI: a module registers a {@link RecordIndexer} service per record type, saying
 * how a record becomes a {@link SearchDocument} and how to page through all records of the type.
 * The search module follows the platform's change log for the module and type an indexer names,
 * and drops the type from results as soon as the indexer service goes away.
 */
@Export
@Version("1.4.0")
package org.mosaiccrm.search.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
