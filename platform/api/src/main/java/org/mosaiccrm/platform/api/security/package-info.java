/**
 * The signed-in user and the permission and record-visibility checks every module calls before it reads or writes.
 */
@Export
@Version("1.7.0")
package org.mosaiccrm.platform.api.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
