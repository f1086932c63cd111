package org.mosaiccrm.funnel.api;

/**
 * A stage of a pipeline, in the pipeline's order.
 *
 * @param probability the chance, 0 to 100, that a deal in this stage is won (a deal may set its own)
 * @param rotDays days without activity after which a deal in this stage is flagged as rotting; null: never
 */
public record Stage(String id, String name, int position, int probability, StageKind kind, Integer rotDays) {
}
