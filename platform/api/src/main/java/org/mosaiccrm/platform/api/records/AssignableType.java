package org.mosaiccrm.platform.api.records;

import java.util.List;
import java.util.Map;

import org.apache.cayenne.exp.Expression;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of record whose owner and team may be changed in bulk, registered by its module as a
 * DS service: while it is there, {@link RecordAssignments} accepts selections of it (by ids,
 * or by the list's filter) and runs them as a job; when the module is switched off, unfinished
 * runs wait for it.
 */
@ConsumerType
public interface AssignableType {

    /** The module's id ({@code contacts}). */
    String module();

    /** The records' name in the module's paths ({@code people}). */
    String name();

    /** The entity; its owner and team are the ones {@link MosaicRecord} maps. */
    Class<? extends MosaicRecord> type();

    /** The permission a user needs to change these records ({@code contacts.write}). */
    String writePermission();

    /**
     * The qualifier of the module's list for these filter parameters — the same names and
     * values as the list's query string ({@code q}, {@code tag}, {@code cf.<key>} …), so that
     * "all N matching" is exactly what the list shows; null for no filter. Unknown or bad
     * values are refused with a problem, as the list refuses them. The user's reach is added
     * by the caller.
     */
    Expression filter(Map<String, List<String>> parameters);

    /** The job kind of this type's runs, as {@code GET /api/v1/jobs/{id}} shows it. */
    static String kind(String module, String name) {
        return module + ".assign." + name;
    }
}
