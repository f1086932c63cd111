package org.mosaiccrm.platform.console.internal;

/** Module {@code x} is the Karaf feature {@code mosaic-x}; the platform's own mosaic-platform* features are not modules. */
final class ModuleIds {

    private static final String PREFIX = "mosaic-";

    private ModuleIds() {
    }

    static boolean isModuleFeature(String featureName) {
        return featureName != null && featureName.startsWith(PREFIX) && featureName.length() > PREFIX.length()
                && !featureName.startsWith("mosaic-platform");
    }

    static String idOf(String featureName) {
        return featureName.substring(PREFIX.length());
    }
}
