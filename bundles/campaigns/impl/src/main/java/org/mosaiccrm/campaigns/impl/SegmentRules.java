package org.mosaiccrm.campaigns.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.mosaiccrm.contacts.api.Audience;
import org.mosaiccrm.contacts.api.AudienceFilter;
import org.mosaiccrm.contacts.api.AudienceRule;
import org.mosaiccrm.contacts.api.RuleProblem;
import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.Problem;
import org.mosaiccrm.platform.api.rest.ProblemException;

/**
 * A segment's rules between the API, the database and contacts: read from a body (their shape,
 * 400), checked by contacts ({@link Audience#check}: unknown fields, operators or values, 422
 * naming {@code rules[i].field}/{@code op}/{@code value}), stored as JSON.
 */
final class SegmentRules {

    static final Set<String> RULE_KEYS = Set.of("field", "op", "value");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SegmentRules() {
    }

    /** The rules of the body's {@code rules} field; shape errors go on the reader. */
    static List<AudienceRule> read(FieldReader in) {
        Object raw = in.raw("rules");
        List<AudienceRule> rules = new ArrayList<>();
        if (raw == null) {
            return rules;
        }
        if (!(raw instanceof List<?> list)) {
            in.error("rules", "must be a list of {\"field\",\"op\",\"value\"}");
            return rules;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> rule) || !RULE_KEYS.containsAll(rule.keySet())) {
                in.error("rules[" + i + "]", "must be an object of field, op and value only");
                continue;
            }
            Object value = rule.get("value");
            if (value instanceof Map || value instanceof List) {
                in.error("rules[" + i + "].value", "must be a text, number or true/false");
                continue;
            }
            rules.add(new AudienceRule(text(rule.get("field")), text(rule.get("op")), text(value)));
        }
        return rules;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** 422 naming each rule part contacts cannot evaluate. */
    static void requireValid(Audience audience, AudienceFilter filter) {
        List<RuleProblem> problems = audience.check(filter);
        if (problems.isEmpty()) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        for (RuleProblem p : problems) {
            errors.add(new FieldError("rules[" + p.rule() + "]." + p.part(), p.message()));
        }
        throw new ProblemException(new Problem("https://mosaiccrm.org/problems/segment-rule", "Segment rule not understood", 422,
                errors.size() == 1 ? "Rule " + problems.get(0).rule() + ": " + problems.get(0).message()
                        : errors.size() + " rules are not understood.",
                errors));
    }

    static String write(List<AudienceRule> rules) {
        try {
            return JSON.writeValueAsString(rules);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<AudienceRule> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<AudienceRule>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored segment rules are not readable", e);
        }
    }

    /** The segment as contacts evaluates it; {@code mailable} for sending. */
    static AudienceFilter filter(Segment s, boolean mailable) {
        return new AudienceFilter(Boolean.TRUE.equals(s.getMatchAll()), parse(s.getRulesJson()), mailable);
    }
}
