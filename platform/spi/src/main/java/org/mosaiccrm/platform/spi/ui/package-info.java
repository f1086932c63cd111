/**
 * How a bundle adds pages to the web shell ({@link UiContribution}), panels to the start page
 * ({@link HomePanel}) and to other modules' record pages ({@link RecordPanel}), and how a theme
 * bundle styles it ({@link ThemeContribution}). The shell serves the files of each contribution from
 * the contributing bundle itself and forgets them as soon as the service goes away.
 */
@Export
@Version("1.4.0")
package org.mosaiccrm.platform.spi.ui;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
