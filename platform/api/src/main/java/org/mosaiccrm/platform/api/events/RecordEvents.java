package org.mosaiccrm.platform.api.events;

import java.util.Locale;

/**
 * EventAdmin events posted after a commit, one per changed record, on the topic
 * {@code mosaic/<module>/<type>/<created|updated|deleted>}, where module is the DataMap name
 * (the module id) and type is the entity name in lower case. Handlers subscribe with
 * wildcards, e.g. {@code mosaic/*} for everything or {@code mosaic/contacts/*}.
 */
public final class RecordEvents {

    public static final String TOPIC_ROOT = "mosaic";

    /** Id of the changed record (String). */
    public static final String ID = "id";
    /** Module id (String). */
    public static final String MODULE = "module";
    /** Record type, the entity name in lower case (String). */
    public static final String TYPE = "type";
    /** {@link RecordChange#name()} (String). */
    public static final String CHANGE = "change";
    /** Names of the changed attributes (String[]), empty for deletes. */
    public static final String CHANGED_FIELDS = "changedFields";
    /**
     * Attribute values before and after the change (Map of field name to a two-element
     * String list, before then after; null elements for absent values), for auditing.
     */
    public static final String CHANGES = "changes";
    /** How people call the record ({@link org.mosaiccrm.platform.api.persistence.MosaicRecord#displayName()}), when it has a name (String). */
    public static final String NAME = "name";
    /** Id of the user who committed the change, absent for system work (String). */
    public static final String ACTOR = "actor";

    private RecordEvents() {
    }

    public static String topic(String module, String type, RecordChange change) {
        return TOPIC_ROOT + "/" + module + "/" + type.toLowerCase(Locale.ROOT) + "/" + change.topicSegment();
    }

    /** Subscription topic for every change of one module. */
    public static String moduleTopics(String module) {
        return TOPIC_ROOT + "/" + module + "/*";
    }
}
