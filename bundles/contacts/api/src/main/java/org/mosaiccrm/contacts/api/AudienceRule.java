package org.mosaiccrm.contacts.api;

/**
 * One condition on people, as a segment saves it. Fields and their operators:
 * <ul>
 * <li>{@code tag}: {@code has}, {@code hasNot} a tag (ignoring case)</li>
 * <li>{@code lifecycleStage}: {@code is}, {@code isNot} a stage</li>
 * <li>{@code organization}: {@code is}, {@code isNot} an organization's id; {@code isSet}, {@code isEmpty}</li>
 * <li>{@code email}: {@code isSet}, {@code isEmpty}</li>
 * <li>{@code emailConsent}: {@code is} {@code granted}, {@code withdrawn} or {@code unknown} (never asked)</li>
 * <li>{@code createdAt}: {@code after}, {@code before} a date ({@code 2026-03-01}), {@code between} two ({@code 2026-01-01/2026-03-31}, inclusive)</li>
 * <li>{@code lastActivity}: {@code olderThanDays} (none in the last N days, or none at all), {@code newerThanDays} N</li>
 * <li>{@code custom.<key>}: {@code is} a value of a custom field of people (empty: the field is not set)</li>
 * </ul>
 * and the fields other modules add ({@link AudienceCriterion}) while they are on.
 *
 * @since 1.2
 */
public record AudienceRule(String field, String op, String value) {
}
