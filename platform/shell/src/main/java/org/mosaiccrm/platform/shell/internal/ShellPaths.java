package org.mosaiccrm.platform.shell.internal;

/** The URLs under which the shell serves files. */
final class ShellPaths {

    static final String MODULES = "/ui/modules/";
    static final String THEMES = "/ui/themes/";
    static final String SHELL = "/ui/shell/";
    static final String LIT_HTML = "/ui/lib/lit-html/";

    private ShellPaths() {
    }

    static String module(String moduleId, String file) {
        return file == null ? null : MODULES + moduleId + "/" + file;
    }

    static String theme(String themeId, String file) {
        return file == null ? null : THEMES + themeId + "/" + file;
    }
}
