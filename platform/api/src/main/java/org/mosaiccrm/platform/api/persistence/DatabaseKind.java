package org.mosaiccrm.platform.api.persistence;

/** The database products Mosaic runs on. */
public enum DatabaseKind {
    DERBY("derby"),
    POSTGRESQL("postgresql");

    private final String label;

    DatabaseKind(String label) {
        this.label = label;
    }

    /** The lower-case name used in configuration and in the health answer. */
    public String label() {
        return label;
    }

    /** The kind a JDBC URL points to. */
    public static DatabaseKind ofJdbcUrl(String url) {
        if (url.startsWith("jdbc:derby:")) {
            return DERBY;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("Unsupported database URL (use jdbc:derby: or jdbc:postgresql:): " + url);
    }
}
