/**
 * The ${moduleId} module's contract with other modules: its names ({@link ${package}.api.${moduleClass}Names})
 * and its lookup service ({@link ${package}.api.${moduleClass}Lookup}).
 */
@Export
@Version("1.0.0")
package ${package}.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
