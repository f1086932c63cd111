package org.mosaiccrm.platform.persistence.internal;

import java.util.List;

/** Where committed changes go once their transaction has committed. */
@FunctionalInterface
public interface CommitEventSink {

    void publish(List<CommitEvent> events);
}
