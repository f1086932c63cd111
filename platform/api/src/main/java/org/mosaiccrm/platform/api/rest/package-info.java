/**
 * REST conventions every module follows: RFC 9457 problems, list pages, paging parameters and the JAX-RS application that module resources join.
 */
@Export
@Version("2.0.0")
package org.mosaiccrm.platform.api.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
