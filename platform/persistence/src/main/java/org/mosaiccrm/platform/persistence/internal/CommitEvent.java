package org.mosaiccrm.platform.persistence.internal;

import java.util.List;

import org.mosaiccrm.platform.api.events.RecordChange;

/** One committed change of one record, before it becomes an EventAdmin event. */
public record CommitEvent(String module, String type, String id, RecordChange change, List<String> changedFields,
        java.util.Map<String, List<String>> values, String actor, String name) {
}
