package org.mosaiccrm.campaigns.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.mosaiccrm.platform.api.rest.FieldReader;

/**
 * A campaign's follow-up: which responses count as interest ({@code reply}, {@code click}), when
 * the owner's call task is due and how soon a reminder follows. Stored with the campaign; acting
 * on it is the follow-up's own work.
 */
record FollowUp(List<String> on, int taskDueDays, int reminderDays, List<String> links) {

    static final Set<String> RESPONSES = Set.of("reply", "click");
    static final Set<String> KEYS = Set.of("on", "taskDueDays", "reminderDays", "links");

    FollowUp {
        links = links == null ? List.of() : List.copyOf(links);
    }

    /**
     * Whether this response shows interest: a reply when replies count; a click when clicks
     * count and, if the follow-up names links, on one of them (links compared as written in the template).
     */
    boolean counts(String response, String url) {
        if (!on.contains(response)) {
            return false;
        }
        return !"click".equals(response) || links.isEmpty() || links.contains(url);
    }
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body's {@code followUp}, or null when absent; errors named {@code followUp.<key>} on the reader. */
    static FollowUp read(FieldReader in) {
        Object raw = in.raw("followUp");
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Map<?, ?> map)) {
            in.error("followUp", "must be an object {\"on\",\"taskDueDays\",\"reminderDays\"}");
            return null;
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(key)) {
                in.error("followUp." + key, "is not a field of a follow-up; use " + new java.util.TreeSet<>(KEYS));
            }
        }
        List<String> on = new ArrayList<>();
        if (map.get("on") instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String s) || !RESPONSES.contains(s)) {
                    in.error("followUp.on", "holds '" + o + "'; responses are " + new java.util.TreeSet<>(RESPONSES));
                } else if (!on.contains(s)) {
                    on.add(s);
                }
            }
        } else if (map.get("on") != null) {
            in.error("followUp.on", "must be a list of responses: reply, click");
        }
        @SuppressWarnings("unchecked")
        FieldReader days = new FieldReader((Map<String, Object>) map);
        Integer due = days.integer("taskDueDays", 0, 365);
        Integer reminder = days.integer("reminderDays", 1, 365);
        days.errors().forEach(e -> in.error("followUp." + e.field(), e.message()));
        List<String> links = new ArrayList<>();
        if (map.get("links") instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String url) || !url.matches("(?i)https?://\\S{1,2000}")) {
                    in.error("followUp.links", "holds '" + o + "'; a link is an http(s) address as written in the template");
                } else if (!links.contains(url)) {
                    links.add(url);
                }
            }
        } else if (map.get("links") != null) {
            in.error("followUp.links", "must be a list of the template's links whose click shows interest");
        }
        return new FollowUp(on, due == null ? 3 : due, reminder == null ? 3 : reminder, links);
    }

    String json() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static FollowUp parse(String json) {
        try {
            return json == null ? null : JSON.readValue(json, FollowUp.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored follow-up is not readable", e);
        }
    }
}
