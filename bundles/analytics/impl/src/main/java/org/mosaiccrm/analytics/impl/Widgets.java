package org.mosaiccrm.analytics.impl;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.mosaiccrm.analytics.api.Metric;
import org.mosaiccrm.analytics.api.MetricDefinition;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.rest.FieldReader;

/**
 * The widgets of a dashboard and its filter, as stored (JSON) and as checked from a body: each
 * widget draws one metric (or, as a {@code funnel}, a pipeline's conversion) over its own period,
 * with its buckets, dimension and filters; the dashboard's filter (period, owner, team) applies
 * to all of them.
 */
final class Widgets {

    static final Set<String> TYPES = Set.of("number", "line", "bar", "stackedBar", "funnel", "table");
    static final Set<String> PERIODS = Set.of("last7days", "last30days", "last90days", "last12months", "thisMonth", "thisQuarter",
            "thisYear", "custom");
    static final Set<String> BUCKETS = Set.of("day", "week", "month", "quarter");
    static final Set<String> FIELDS = Set.of("id", "title", "type", "metric", "pipelineId", "period", "from", "to", "bucket", "dimension",
            "filters", "compare", "width", "pinned");
    static final Set<String> FILTER_FIELDS = Set.of("period", "from", "to", "ownerId", "teamId");
    static final int MAX_WIDGETS = 24;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A period: a preset counted back from today, or {@code custom} from and to (inclusive days, ISO dates as stored). */
    record Range(String period, String from, String to) {

        /** The days it covers as of {@code today}. */
        Period resolve(LocalDate today, java.time.ZoneId zone) {
            return switch (period) {
                case "last7days" -> new Period(today.minusDays(6), today, zone);
                case "last30days" -> new Period(today.minusDays(29), today, zone);
                case "last90days" -> new Period(today.minusDays(89), today, zone);
                case "last12months" -> new Period(today.withDayOfMonth(1).minusMonths(11), today, zone);
                case "thisMonth" -> new Period(today.withDayOfMonth(1), today, zone);
                case "thisQuarter" -> new Period(LocalDate.of(today.getYear(), (today.getMonthValue() - 1) / 3 * 3 + 1, 1), today, zone);
                case "thisYear" -> new Period(today.withDayOfYear(1), today, zone);
                default -> new Period(LocalDate.parse(from), LocalDate.parse(to), zone);
            };
        }
    }

    record Widget(String id, String title, String type, String metric, String pipelineId, Range range, String bucket, String dimension,
            Map<String, String> filters, boolean compare, int width, boolean pinned) {
    }

    /** The dashboard's filter: a period (null: each widget's own), an owner and a team (null: any). */
    record Filter(Range range, String ownerId, String teamId) {

        static final Filter NONE = new Filter(null, null, null);
    }

    private Widgets() {
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Widget> widgets(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<Widget>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable widgets", e);
        }
    }

    static Filter filter(String json) {
        try {
            return json == null ? Filter.NONE : JSON.readValue(json, Filter.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable dashboard filter", e);
        }
    }

    /** Reads the body's widgets, naming each bad field {@code widgets[i].field}; metrics must be those of enabled modules. */
    static List<Widget> read(FieldReader in, Map<String, Metric> metrics) {
        Object raw = in.raw("widgets");
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list) || list.size() > MAX_WIDGETS) {
            in.error("widgets", "must be a list of at most " + MAX_WIDGETS + " widgets");
            return List.of();
        }
        List<Widget> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "widgets[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                in.error(at, "must be an object");
                continue;
            }
            @SuppressWarnings("unchecked")
            FieldReader w = new FieldReader((Map<String, Object>) map);
            for (Object key : map.keySet()) {
                if (!FIELDS.contains(String.valueOf(key))) {
                    w.error(String.valueOf(key), "is not a field of a widget");
                }
            }
            Widget widget = widget(w, metrics);
            for (FieldError e : w.errors()) {
                in.error(new FieldError(at + "." + e.field(), e.message(), e.code(), e.params()));
            }
            if (widget != null && !ids.add(widget.id())) {
                in.error(at + ".id", "is the id of another widget of this dashboard");
            }
            out.add(widget);
        }
        return out;
    }

    private static Widget widget(FieldReader w, Map<String, Metric> metrics) {
        String id = w.text("id", 36);
        String title = w.text("title", 100);
        String type = w.choice("type", TYPES);
        if (type == null && w.raw("type") == null) {
            w.required("type");
        }
        String metric = w.text("metric", 100);
        String pipelineId = w.text("pipelineId", 36);
        MetricDefinition found = null;
        if ("funnel".equals(type)) {
            if (pipelineId == null) {
                w.required("pipelineId");
            } else if (!RecordIds.isWellFormed(pipelineId)) {
                w.error("pipelineId", "must be a record id");
            }
        } else if (type != null) {
            if (metric == null) {
                w.required("metric");
            } else if (!metrics.containsKey(metric)) {
                w.error("metric", "names no metric of an enabled module");
            } else {
                found = metrics.get(metric).definition();
            }
        }
        MetricDefinition definition = found;
        Range range = range(w);
        String bucket = w.choice("bucket", BUCKETS);
        String dimension = w.text("dimension", 50);
        if (dimension != null && definition != null && !definition.dimensions().contains(dimension)) {
            w.error("dimension", "must be one of " + definition.dimensions());
        }
        Map<String, String> filters = new LinkedHashMap<>();
        Object rawFilters = w.raw("filters");
        if (rawFilters instanceof Map<?, ?> f) {
            f.forEach((k, v) -> {
                if (definition != null && !definition.filters().contains(String.valueOf(k))) {
                    w.error("filters." + k, "is not a filter of " + definition.id() + "; known are " + definition.filters());
                } else if (!(v instanceof String s) || !RecordIds.isWellFormed(s)) {
                    w.error("filters." + k, "must be a record id");
                } else {
                    filters.put(String.valueOf(k), s);
                }
            });
        } else if (rawFilters != null) {
            w.error("filters", "must be an object of filters and their values");
        }
        Boolean compare = w.flag("compare");
        // Pinned: shown on the start page of whoever reads the dashboard (its owner; everyone for a shared one).
        Boolean pinned = w.flag("pinned");
        Integer width = w.raw("width") == null ? Integer.valueOf(1) : w.integer("width", 1, 4);
        return new Widget(id == null ? UUID.randomUUID().toString() : id, title, type, "funnel".equals(type) ? null : metric,
                "funnel".equals(type) ? pipelineId : null, range, bucket, dimension, filters, Boolean.TRUE.equals(compare),
                width == null ? 1 : width, Boolean.TRUE.equals(pinned));
    }

    /** A period from {@code period}, {@code from} and {@code to} (last30days when left out). */
    static Range range(FieldReader r) {
        String period = r.choice("period", PERIODS);
        LocalDate from = r.date("from");
        LocalDate to = r.date("to");
        if ("custom".equals(period)) {
            if (from == null || to == null) {
                r.error("period", "custom needs from and to");
            } else if (to.isBefore(from)) {
                r.error("to", "must not lie before from");
            } else if (to.isAfter(from.plusYears(Period.MAX_YEARS))) {
                r.error("to", "must lie within " + Period.MAX_YEARS + " years of from");
            }
        } else if (from != null || to != null) {
            r.error(from != null ? "from" : "to", "is only for the period custom");
        }
        return new Range(period == null ? "last30days" : period, from == null ? null : from.toString(), to == null ? null : to.toString());
    }

    /** The dashboard's filter from the body's {@code filters}. */
    static Filter readFilter(FieldReader in) {
        Object raw = in.raw("filters");
        if (raw == null) {
            return Filter.NONE;
        }
        if (!(raw instanceof Map<?, ?> map)) {
            in.error("filters", "must be an object with period, from, to, ownerId and teamId");
            return Filter.NONE;
        }
        @SuppressWarnings("unchecked")
        FieldReader f = new FieldReader((Map<String, Object>) map);
        for (Object key : map.keySet()) {
            if (!FILTER_FIELDS.contains(String.valueOf(key))) {
                f.error(String.valueOf(key), "is not a filter of a dashboard");
            }
        }
        Range range = f.raw("period") == null ? null : range(f);
        String ownerId = id(f, "ownerId");
        String teamId = id(f, "teamId");
        for (FieldError e : f.errors()) {
            in.error(new FieldError("filters." + e.field(), e.message(), e.code(), e.params()));
        }
        return new Filter(range, ownerId, teamId);
    }

    private static String id(FieldReader r, String field) {
        String id = r.text(field, 36);
        if (id != null && !RecordIds.isWellFormed(id)) {
            r.error(field, "must be a record id");
            return null;
        }
        return id;
    }
}
