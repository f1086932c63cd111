package org.mosaiccrm.platform.persistence.internal;

import java.util.List;
import java.util.Map;

import org.mosaiccrm.platform.api.events.RecordChange;

/**
 * One committed change of one record, before it becomes an EventAdmin event.
 *
 * @param whole for a change of a part ({@code MosaicRecord.partOf}), the record it is part of;
 *              null for a record that stands alone
 */
public record CommitEvent(String module, String type, String id, RecordChange change, List<String> changedFields,
        Map<String, List<String>> values, String actor, String name, Whole whole) {

    /** The whole a part belongs to: its entity, its id and its name when the context knew it. */
    public record Whole(String type, String id, String name) {
    }

    public CommitEvent(String module, String type, String id, RecordChange change, List<String> changedFields,
            Map<String, List<String>> values, String actor, String name) {
        this(module, type, id, change, changedFields, values, actor, name, null);
    }
}
