package org.mosaiccrm.tickets.impl;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.mosaiccrm.platform.api.rest.FieldReader;

/**
 * A calendar's JSON as the API and the database hold it — {@code "hours":{"monday":[{"from":"09:00","to":"17:00"}]}},
 * {@code "holidays":["2026-12-25"]} — read into a {@link BusinessCalendar}, with errors named by field.
 */
final class Calendars {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_HOLIDAYS = 400;
    static final int MAX_INTERVALS = 6;

    private Calendars() {
    }

    /** The working hours of a body's {@code hours}, or null with errors on the reader. */
    static Map<DayOfWeek, List<BusinessCalendar.Hours>> hours(FieldReader in, Object raw) {
        if (!(raw instanceof Map<?, ?> days)) {
            in.error("hours", "must be an object of weekdays, such as {\"monday\":[{\"from\":\"09:00\",\"to\":\"17:00\"}]}");
            return null;
        }
        Map<DayOfWeek, List<BusinessCalendar.Hours>> week = new EnumMap<>(DayOfWeek.class);
        days.forEach((key, value) -> {
            DayOfWeek day = day(String.valueOf(key));
            String field = "hours." + key;
            if (day == null) {
                in.error(field, "is not a weekday (monday … sunday)");
                return;
            }
            if (!(value instanceof List<?> intervals) || intervals.size() > MAX_INTERVALS) {
                in.error(field, "must be a list of up to " + MAX_INTERVALS + " intervals {\"from\",\"to\"}");
                return;
            }
            List<BusinessCalendar.Hours> list = new ArrayList<>();
            for (Object interval : intervals) {
                if (!(interval instanceof Map<?, ?> m) || !(m.get("from") instanceof String from) || !(m.get("to") instanceof String to)) {
                    in.error(field, "must be a list of intervals {\"from\":\"09:00\",\"to\":\"17:00\"}");
                    return;
                }
                try {
                    list.add(BusinessCalendar.Hours.of(LocalTime.parse(from), LocalTime.parse(to)));
                } catch (DateTimeParseException e) {
                    in.error(field, "times must be written as 09:00");
                    return;
                } catch (IllegalArgumentException e) {
                    in.error(field, "an interval must start before it ends (00:00 as its end is midnight)");
                    return;
                }
            }
            week.put(day, list);
        });
        return week;
    }

    static List<LocalDate> holidays(FieldReader in, Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> dates) || dates.size() > MAX_HOLIDAYS) {
            in.error("holidays", "must be a list of up to " + MAX_HOLIDAYS + " dates such as 2026-12-25");
            return null;
        }
        TreeSet<LocalDate> out = new TreeSet<>();
        for (Object d : dates) {
            try {
                out.add(LocalDate.parse(String.valueOf(d)));
            } catch (DateTimeParseException e) {
                in.error("holidays", "has " + d + ", which is not a date such as 2026-12-25");
                return null;
            }
        }
        return List.copyOf(out);
    }

    static ZoneId zone(FieldReader in, String text) {
        if (text == null) {
            in.required("timeZone");
            return null;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            in.error("timeZone", "is not a time zone such as Europe/Ljubljana");
            return null;
        }
    }

    static DayOfWeek day(String name) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** The stored calendar as the engine counts with it. */
    static BusinessCalendar of(TicketCalendar c) {
        try {
            Map<String, List<Map<String, String>>> stored = JSON.readValue(c.getHoursJson(), new TypeReference<>() { });
            Map<DayOfWeek, List<BusinessCalendar.Hours>> week = new EnumMap<>(DayOfWeek.class);
            stored.forEach((day, list) -> week.put(day(day), list.stream()
                    .map(m -> BusinessCalendar.Hours.of(LocalTime.parse(m.get("from")), LocalTime.parse(m.get("to")))).toList()));
            List<String> holidays = JSON.readValue(c.getHolidaysJson(), new TypeReference<>() { });
            return new BusinessCalendar(ZoneId.of(c.getTimeZone()), week, new java.util.HashSet<>(holidays.stream().map(LocalDate::parse).toList()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The calendar " + c.getId() + " is stored unreadably", e);
        }
    }

    /** Working hours as stored and answered: weekdays in order, times as 09:00 (24:00 as 00:00). */
    static Map<String, List<Map<String, String>>> view(Map<DayOfWeek, List<BusinessCalendar.Hours>> week) {
        Map<String, List<Map<String, String>>> out = new LinkedHashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            List<BusinessCalendar.Hours> hours = week.get(d);
            if (hours != null) {
                out.put(d.name().toLowerCase(Locale.ROOT), hours.stream().map(h -> Map.of("from", time(h.start()), "to", time(h.end()))).toList());
            }
        }
        return out;
    }

    private static String time(int minute) {
        int m = minute % BusinessCalendar.MINUTES_A_DAY;
        return String.format(Locale.ROOT, "%02d:%02d", m / 60, m % 60);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
