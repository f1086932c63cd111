package org.mosaiccrm.platform.spi.ui;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A theme of the web shell: a style sheet that sets the shell's CSS custom properties, and a
 * logo. The shell serves the files below {@link #resourceFolder()} of the registering bundle at
 * {@code /ui/themes/<id>/<file>}. The administrator picks the company's theme in the settings;
 * each user may choose another one for themselves.
 */
@ConsumerType
public interface ThemeContribution {

    /** Short, stable id: lower-case letters, digits and dashes, e.g. {@code dark}. */
    String id();

    /** Folder inside the bundle that holds the style sheet, the logo and the message files. */
    String resourceFolder();

    /** File name of the style sheet in the folder. */
    String stylesheet();

    /** File name of the logo (SVG or PNG) in the folder. */
    String logo();

    /** True for dark backgrounds, so that browser controls follow ({@code color-scheme}). */
    boolean dark();

    /**
     * Base name of the message files in the folder (see {@link UiContribution#messages()}); they
     * hold at least {@code theme.<id>}, the theme's name as users see it.
     */
    String messages();
}
