/**
 * REST conventions every module follows: RFC 9457 problems, list pages, paging parameters, the JAX-RS application that module resources join, and the annotations that tell the OpenAPI document what a method takes and answers when its signature cannot ({@link ApiBody}, {@link ApiAnswer}).
 */
@Export
@Version("2.4.0")
package org.mosaiccrm.platform.api.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
