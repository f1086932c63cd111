package org.mosaiccrm.analytics.api;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Time buckets of one length in one time zone: a moment belongs to the bucket of its local date
 * there, so a day across a daylight-saving change is 23 or 25 hours long and a month starts at
 * local midnight whatever the offset. Weeks start on {@code firstDayOfWeek}. Labels are
 * {@code 2026-03-29} for days and weeks (the first day), {@code 2026-03} for months and
 * {@code 2026-Q1} for quarters; they sort in time order.
 */
public final class TimeBuckets {

    /**
     * The first day of the week in each language's main country, as CLDR gives it (the US and the
     * Philippines count from Sunday; Spain, Russia and Slovenia from Monday). A language alone names
     * no country, and Java's week rules for a bare language fall back to Monday for all of them.
     */
    private static final Map<String, Locale> MAIN_COUNTRY = Map.of("en", Locale.US, "es", new Locale("es", "ES"),
            "ru", new Locale("ru", "RU"), "sl", new Locale("sl", "SI"), "tl", new Locale("fil", "PH"));

    private final TimeBucket unit;
    private final ZoneId zone;
    private final DayOfWeek firstDayOfWeek;

    public TimeBuckets(TimeBucket unit, ZoneId zone, DayOfWeek firstDayOfWeek) {
        this.unit = Objects.requireNonNull(unit, "unit");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.firstDayOfWeek = Objects.requireNonNull(firstDayOfWeek, "firstDayOfWeek");
    }

    /** Buckets whose weeks start on the first day of the week of a language ({@code en}, {@code sl}…); Monday for others. */
    public static TimeBuckets of(TimeBucket unit, ZoneId zone, String language) {
        return new TimeBuckets(unit, zone, firstDayOfWeek(language));
    }

    public static DayOfWeek firstDayOfWeek(String language) {
        Locale locale = MAIN_COUNTRY.get(language);
        return locale == null ? DayOfWeek.MONDAY : java.time.temporal.WeekFields.of(locale).getFirstDayOfWeek();
    }

    public TimeBucket unit() {
        return unit;
    }

    public ZoneId zone() {
        return zone;
    }

    public DayOfWeek firstDayOfWeek() {
        return firstDayOfWeek;
    }

    /** The local date the bucket of a moment starts on. */
    public LocalDate start(Instant moment) {
        return startOf(moment.atZone(zone).toLocalDate());
    }

    /** The first local date of the bucket a local date lies in. */
    public LocalDate startOf(LocalDate day) {
        return switch (unit) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(firstDayOfWeek));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
        };
    }

    /** The first local date of the next bucket. */
    public LocalDate next(LocalDate start) {
        return switch (unit) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
        };
    }

    /** The moment a bucket starts: local midnight of its first day (or the first moment of that day, where midnight is skipped). */
    public Instant startInstant(LocalDate start) {
        return start.atStartOfDay(zone).toInstant();
    }

    /** The label of the bucket a moment lies in. */
    public String label(Instant moment) {
        return label(start(moment));
    }

    /** The label of the bucket starting on a local date. */
    public String label(LocalDate start) {
        return switch (unit) {
            case DAY, WEEK -> start.toString();
            case MONTH -> String.format(Locale.ROOT, "%04d-%02d", start.getYear(), start.getMonthValue());
            case QUARTER -> String.format(Locale.ROOT, "%04d-Q%d", start.getYear(), (start.getMonthValue() - 1) / 3 + 1);
        };
    }

    /** The labels of every bucket that overlaps [from, to), in time order: the axis of a chart, empty buckets included. */
    public List<String> labels(Instant from, Instant to) {
        List<String> labels = new ArrayList<>();
        for (LocalDate d = start(from); startInstant(d).isBefore(to); d = next(d)) {
            labels.add(label(d));
        }
        return labels;
    }
}
