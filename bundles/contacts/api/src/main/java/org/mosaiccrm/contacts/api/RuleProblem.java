package org.mosaiccrm.contacts.api;

/**
 * Why a rule of an {@link AudienceFilter} cannot be evaluated.
 *
 * @param rule    the rule's position in the filter, from 0
 * @param part    {@code field}, {@code op} or {@code value}
 * @param message what is wrong, naming what was given
 * @since 1.2
 */
public record RuleProblem(int rule, String part, String message) {
}
