package org.mosaiccrm.contacts.impl;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.exp.ExpressionFactory;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.AudienceCriterion;
import org.mosaiccrm.contacts.api.AudienceFilter;
import org.mosaiccrm.contacts.api.AudienceRule;
import org.mosaiccrm.contacts.api.RuleProblem;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ProblemException;
import org.mosaiccrm.platform.api.persistence.Sql;

/**
 * The rules of an {@link AudienceFilter} as one qualifier on people (the user's reach is added
 * by the caller): each rule a condition on the person's own columns, the last activity an
 * EXISTS over the person's activities, a custom field the same match contacts' lists use.
 */
final class AudienceRules {

    static final Map<String, Set<String>> OPS = Map.of(
            "tag", Set.of("has", "hasNot"),
            "lifecycleStage", Set.of("is", "isNot"),
            "organization", Set.of("is", "isNot", "isSet", "isEmpty"),
            "email", Set.of("isSet", "isEmpty"),
            "emailConsent", Set.of("is"),
            "createdAt", Set.of("after", "before", "between"),
            "lastActivity", Set.of("olderThanDays", "newerThanDays"),
            "custom", Set.of("is"));
    /** The operators of contacts' own fields that take no value. */
    static final Set<String> NO_VALUE = Set.of("isSet", "isEmpty");
    static final int MAX_RULES = 50;

    private final FieldSchema custom;
    private final LocalDateTime now;
    private final List<RuleProblem> problems = new ArrayList<>();

    /** Rules other modules add, by field (AudienceCriterion): never one of {@link #OPS}. */
    private final Map<String, AudienceCriterion> contributed;

    AudienceRules(FieldSchema custom, LocalDateTime now) {
        this(custom, now, Map.of());
    }

    AudienceRules(FieldSchema custom, LocalDateTime now, Map<String, AudienceCriterion> contributed) {
        this.custom = custom;
        this.now = now;
        this.contributed = contributed;
    }

    List<RuleProblem> problems() {
        return problems;
    }

    /** The qualifier of the filter, or null for everyone; {@link #problems()} says what could not be read. */
    Expression qualifier(AudienceFilter filter) {
        if (filter.rules().size() > MAX_RULES) {
            problems.add(new RuleProblem(MAX_RULES, "field", "a segment has at most " + MAX_RULES + " rules"));
            return null;
        }
        Expression where = null;
        for (int i = 0; i < filter.rules().size(); i++) {
            Expression e = rule(i, filter.rules().get(i));
            if (e != null) {
                where = where == null ? e : filter.all() ? where.andExp(e) : where.orExp(e);
            }
        }
        if (filter.mailable()) {
            where = Records.and(where, Person.PRIMARY_EMAIL.isNotNull().andExp(withdrawn().notExp()).andExp(undeliverable().notExp()));
        }
        return where;
    }

    private Expression rule(int i, AudienceRule r) {
        String field = r.field() == null ? "" : r.field();
        String kind = field.startsWith("custom.") && field.length() > "custom.".length() ? "custom" : "custom".equals(field) ? "" : field;
        AudienceCriterion other = OPS.containsKey(kind) ? null : contributed.get(kind);
        Set<String> ops = other != null ? other.ops() : OPS.get(kind);
        if (ops == null) {
            java.util.TreeSet<String> known = new java.util.TreeSet<>(OPS.keySet());
            known.addAll(contributed.keySet());
            problems.add(new RuleProblem(i, "field", "'" + field + "' is not a field segments know; use one of "
                    + known + " (custom as custom.<key>)"));
            return null;
        }
        if (r.op() == null || !ops.contains(r.op())) {
            problems.add(new RuleProblem(i, "op", "'" + r.op() + "' is not an operator of " + kind + "; use one of " + new java.util.TreeSet<>(ops)));
            return null;
        }
        String v = r.value() == null ? null : r.value().strip();
        try {
            if (other != null) {
                return other.condition(r.op(), v, now);
            }
            return switch (kind) {
                case "tag" -> tag(v, "hasNot".equals(r.op()));
                case "lifecycleStage" -> {
                    if (!PersonFields.STAGES.contains(v)) {
                        throw new IllegalArgumentException("must be one of " + new java.util.TreeSet<>(PersonFields.STAGES));
                    }
                    yield "is".equals(r.op()) ? Person.LIFECYCLE_STAGE.eq(v)
                            : Person.LIFECYCLE_STAGE.ne(v).orExp(Person.LIFECYCLE_STAGE.isNull());
                }
                case "organization" -> organization(r.op(), v);
                case "email" -> "isSet".equals(r.op()) ? Person.PRIMARY_EMAIL.isNotNull() : Person.PRIMARY_EMAIL.isNull();
                case "emailConsent" -> consent(v);
                case "createdAt" -> created(r.op(), v);
                case "lastActivity" -> activity("newerThanDays".equals(r.op()), days(v));
                default -> customField(field.substring("custom.".length()), v);
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            problems.add(new RuleProblem(i, "value", "'" + v + "' " + (e instanceof DateTimeParseException
                    ? "is not a date (2026-03-31)" : e.getMessage())));
            return null;
        }
    }

    private static Expression tag(String tag, boolean not) {
        if (tag == null || tag.isEmpty()) {
            throw new IllegalArgumentException("is not a tag");
        }
        // Tags are a JSON array of strings: a quoted match finds whole tags only, ignoring case (as PeopleQuery).
        Expression has = Person.TAGS_JSON.containsIgnoreCase(Json.write(tag));
        return not ? has.notExp().orExp(Person.TAGS_JSON.isNull()) : has;
    }

    private static Expression organization(String op, String id) {
        return switch (op) {
            case "isSet" -> Person.ORGANIZATION_ID.isNotNull();
            case "isEmpty" -> Person.ORGANIZATION_ID.isNull();
            default -> {
                if (!RecordIds.isWellFormed(id)) {
                    throw new IllegalArgumentException("is not an organization's id");
                }
                yield "is".equals(op) ? Person.ORGANIZATION_ID.eq(id) : Person.ORGANIZATION_ID.ne(id).orExp(Person.ORGANIZATION_ID.isNull());
            }
        };
    }

    /** Withdrawn: not granted, with the date and source of the withdrawal; unknown: never given nor withdrawn. */
    private static Expression consent(String v) {
        return switch (v == null ? "" : v) {
            case "granted" -> Person.EMAIL_CONSENT.eq(true);
            case "withdrawn" -> withdrawn();
            case "unknown" -> Person.EMAIL_CONSENT.eq(false).andExp(Person.EMAIL_CONSENT_AT.isNull());
            default -> throw new IllegalArgumentException("must be granted, withdrawn or unknown");
        };
    }

    /** The primary address is the one that bounced for good (a changed address is mailable again). */
    static Expression undeliverable() {
        return Person.EMAIL_BOUNCED.isNotNull().andExp(ExpressionFactory.exp("emailBounced = primaryEmail"));
    }

    static Expression withdrawn() {
        return Person.EMAIL_CONSENT.eq(false).andExp(Person.EMAIL_CONSENT_AT.isNotNull());
    }

    private static Expression created(String op, String v) {
        if (v == null) {
            throw new IllegalArgumentException("is not a date (2026-03-31)");
        }
        return switch (op) {
            case "after" -> MosaicRecord.CREATED_AT.gte(LocalDate.parse(v).plusDays(1).atStartOfDay());
            case "before" -> MosaicRecord.CREATED_AT.lt(LocalDate.parse(v).atStartOfDay());
            default -> {
                String[] range = v.split("/", -1);
                if (range.length != 2) {
                    throw new IllegalArgumentException("must be two dates, 2026-01-01/2026-03-31");
                }
                LocalDate from = LocalDate.parse(range[0].strip());
                LocalDate to = LocalDate.parse(range[1].strip());
                if (to.isBefore(from)) {
                    throw new IllegalArgumentException("ends before it starts");
                }
                yield MosaicRecord.CREATED_AT.gte(from.atStartOfDay()).andExp(MosaicRecord.CREATED_AT.lt(to.plusDays(1).atStartOfDay()));
            }
        };
    }

    private static int days(String v) {
        try {
            int days = Integer.parseInt(v == null ? "" : v);
            if (days >= 0 && days <= 36_500) {
                return days;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("must be a whole number of days from 0 to 36500");
    }

    /** Whether the person has an activity since N days ago: a correlated EXISTS on the activities' (PERSON_ID, OCCURRED_AT) index. */
    private Expression activity(boolean newer, int days) {
        LocalDateTime since = now.minusDays(days);
        ObjectSelect<Activity> recent = ObjectSelect.query(Activity.class)
                .where(AudienceCriterion.samePerson(Activity.PERSON_ID.getName()).andExp(Activity.OCCURRED_AT.gte(since)));
        return newer ? ExpressionFactory.exists(recent) : ExpressionFactory.notExists(recent);
    }

    private Expression customField(String key, String value) {
        try {
            return custom.filter(Person.CUSTOM_JSON, Map.of(FieldSchema.PREFIX + key, List.of(value == null ? "" : value)));
        } catch (ProblemException e) {
            throw new IllegalArgumentException(e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message());
        }
    }

    static LocalDateTime utcNow() {
        return Sql.now();
    }
}
