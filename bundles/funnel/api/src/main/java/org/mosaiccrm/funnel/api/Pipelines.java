package org.mosaiccrm.funnel.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The pipelines of the funnel, as configured by administrators. Pipelines are the company's
 * configuration, not records of a team: every user who may read the funnel sees all of them.
 */
@ProviderType
public interface Pipelines {

    /** Every pipeline, in the administrators' order, each with its stages in order. */
    List<Pipeline> all();

    /** One pipeline, or empty when there is none with this id. */
    Optional<Pipeline> find(String id);
}
