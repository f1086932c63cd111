package org.mosaiccrm.funnel.api;

import java.util.List;

/** A sales pipeline and its stages in order. */
public record Pipeline(String id, String name, List<Stage> stages) {

    public Pipeline {
        stages = List.copyOf(stages);
    }
}
