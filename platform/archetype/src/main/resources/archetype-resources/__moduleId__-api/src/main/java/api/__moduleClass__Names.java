package ${package}.api;

/** The names other modules refer to ${moduleId} by: its id, its permissions and its record type. */
public final class ${moduleClass}Names {

    /** The module id: the REST path /api/v1/${moduleId}, the feature mosaic-${moduleId}, the message prefix. */
    public static final String MODULE_ID = "${moduleId}";
    public static final String READ = "${moduleId}.read";
    public static final String WRITE = "${moduleId}.write";
    /**
     * The record type: the Cayenne entity's name lower-cased, as the change log, the search
     * index and the audit log know it (the entity is named like the module in ${moduleId}.map.xml).
     */
    public static final String RECORD = "${moduleId}";

    private ${moduleClass}Names() {
    }
}
