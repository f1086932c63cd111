package org.mosaiccrm.analytics.api;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A metric of a fixed definition whose figures a function of the module works out: the base of
 * a module's metric components, one small class per metric (DS registers a component as one
 * service), each naming its definition and the evaluation it delegates to.
 *
 * @since 1.1
 */
public abstract class DefinedMetric implements Metric {

    private final MetricDefinition definition;
    private final Function<MetricQuery, List<MetricPoint>> evaluation;

    protected DefinedMetric(MetricDefinition definition, Function<MetricQuery, List<MetricPoint>> evaluation) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
    }

    @Override
    public final MetricDefinition definition() {
        return definition;
    }

    @Override
    public final List<MetricPoint> evaluate(MetricQuery query) {
        return evaluation.apply(query);
    }
}
