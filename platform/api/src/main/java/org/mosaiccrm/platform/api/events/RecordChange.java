package org.mosaiccrm.platform.api.events;

/** What happened to a record in a commit; the last segment of an event topic. */
public enum RecordChange {
    CREATED("created"),
    UPDATED("updated"),
    DELETED("deleted");

    private final String topicSegment;

    RecordChange(String topicSegment) {
        this.topicSegment = topicSegment;
    }

    public String topicSegment() {
        return topicSegment;
    }
}
