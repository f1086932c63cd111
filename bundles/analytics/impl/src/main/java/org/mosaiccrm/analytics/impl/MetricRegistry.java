package org.mosaiccrm.analytics.impl;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.mosaiccrm.analytics.api.Metric;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The metrics the enabled modules contribute, as their services come and go: a module switched
 * off takes its metrics with it, switched on brings them back.
 */
@Component(service = MetricRegistry.class)
public class MetricRegistry {

    private final Map<String, Metric> metrics = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMetric(Metric metric) {
        metrics.put(metric.definition().id(), metric);
    }

    void removeMetric(Metric metric) {
        metrics.remove(metric.definition().id(), metric);
    }

    /** Every metric, by id. */
    List<Metric> all() {
        return metrics.values().stream().sorted(Comparator.comparing(m -> m.definition().id())).toList();
    }

    Optional<Metric> find(String id) {
        return Optional.ofNullable(id == null ? null : metrics.get(id));
    }
}
