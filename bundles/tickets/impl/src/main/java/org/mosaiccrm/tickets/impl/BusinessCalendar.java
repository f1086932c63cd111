package org.mosaiccrm.tickets.impl;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Working time on a business-hours calendar: a time zone, working hours per weekday (none on a
 * day off) and holidays. SLA targets are counted in working time only, so "4 hours" given on
 * Friday at 16:00 with hours 9–17 falls due on Monday at 12:00.
 *
 * <p>Times are the zone's wall-clock times, and a working interval lasts what the clock really
 * passes through: on the night a 24/7 calendar's clocks go forward its day has 23 hours, when
 * they go back 25. A wall-clock time in a gap (one that does not exist that night) is moved
 * forward by the gap's length, as {@code java.time} does; a time that exists twice is taken at
 * its first occurrence.
 */
public final class BusinessCalendar {

    /** One working interval of a day in minutes from midnight; {@code end} 1440 is the next midnight. */
    public record Hours(int start, int end) {

        public Hours {
            if (start < 0 || end > MINUTES_A_DAY || start >= end) {
                throw new IllegalArgumentException("Working hours must start before they end, within a day");
            }
        }

        public static Hours of(LocalTime start, LocalTime end) {
            // 00:00 as an end is the end of the day ("09:00–24:00" is written 09:00–00:00).
            int to = end.equals(LocalTime.MIDNIGHT) ? MINUTES_A_DAY : end.getHour() * 60 + end.getMinute();
            return new Hours(start.getHour() * 60 + start.getMinute(), to);
        }
    }

    static final int MINUTES_A_DAY = 24 * 60;

    /** How far ahead a due time is looked for: a calendar that works this little is refused rather than searched forever. */
    static final int MAX_DAYS = 3 * 366;

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Hours>> week;
    private final Set<LocalDate> holidays;

    public BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<Hours>> week, Set<LocalDate> holidays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        Map<DayOfWeek, List<Hours>> copy = new EnumMap<>(DayOfWeek.class);
        week.forEach((day, hours) -> {
            List<Hours> sorted = new ArrayList<>(hours);
            sorted.sort(java.util.Comparator.comparingInt(Hours::start));
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i).start() < sorted.get(i - 1).end()) {
                    throw new IllegalArgumentException("The working hours of " + day + " overlap");
                }
            }
            if (!sorted.isEmpty()) {
                copy.put(day, List.copyOf(sorted));
            }
        });
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("A calendar needs working hours on at least one day");
        }
        this.week = copy;
        this.holidays = Set.copyOf(holidays);
    }

    /** Every hour of every day, no holidays: targets count as plain elapsed time. */
    public static BusinessCalendar allDay(ZoneId zone) {
        Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(new Hours(0, MINUTES_A_DAY)));
        }
        return new BusinessCalendar(zone, week, Set.of());
    }

    public ZoneId zone() {
        return zone;
    }

    public Map<DayOfWeek, List<Hours>> week() {
        return week;
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }

    /** Whether every moment is working time (no holidays, every day 00:00–24:00). */
    public boolean isAllDay() {
        return holidays.isEmpty() && week.size() == 7
                && week.values().stream().allMatch(h -> h.size() == 1 && h.get(0).start() == 0 && h.get(0).end() == MINUTES_A_DAY);
    }

    /**
     * The moment {@code working} working time after {@code from}: the end of the last working
     * interval needed. Zero working time is {@code from} itself.
     */
    public Instant plus(Instant from, Duration working) {
        if (working.isNegative()) {
            throw new IllegalArgumentException("Working time cannot be negative");
        }
        if (working.isZero()) {
            return from;
        }
        Duration left = working;
        LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); // an interval of yesterday may run past midnight (DST)
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            for (Instant[] interval : intervals(day)) {
                Instant start = interval[0].isBefore(from) ? from : interval[0];
                if (!start.isBefore(interval[1])) {
                    continue;
                }
                Duration available = Duration.between(start, interval[1]);
                if (available.compareTo(left) >= 0) {
                    return start.plus(left);
                }
                left = left.minus(available);
            }
        }
        throw new IllegalStateException("No due time within " + MAX_DAYS + " days: the calendar has too little working time");
    }

    /** The working time between two moments (zero when {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            for (Instant[] interval : intervals(day)) {
                Instant start = interval[0].isBefore(from) ? from : interval[0];
                Instant end = interval[1].isAfter(to) ? to : interval[1];
                if (start.isBefore(end)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /** Whether {@code at} lies in working time: when a warning may reach someone. */
    public boolean isWorking(Instant at) {
        LocalDate day = at.atZone(zone).toLocalDate();
        for (LocalDate d : List.of(day.minusDays(1), day)) {
            for (Instant[] interval : intervals(d)) {
                if (!at.isBefore(interval[0]) && at.isBefore(interval[1])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The day's working intervals as instants; none on a holiday or a day off. */
    private List<Instant[]> intervals(LocalDate day) {
        if (holidays.contains(day)) {
            return List.of();
        }
        List<Hours> hours = week.get(day.getDayOfWeek());
        if (hours == null) {
            return List.of();
        }
        List<Instant[]> out = new ArrayList<>(hours.size());
        for (Hours h : hours) {
            out.add(new Instant[] {at(day, h.start()), at(day, h.end())});
        }
        return out;
    }

    /** A wall-clock minute of a day as an instant; minute 1440 is the next day's midnight. */
    private Instant at(LocalDate day, int minute) {
        if (minute == MINUTES_A_DAY) {
            return day.plusDays(1).atStartOfDay(zone).toInstant();
        }
        // ZonedDateTime.of moves a time in a gap forward by the gap's length and takes the earlier offset in an overlap.
        return ZonedDateTime.of(day, LocalTime.of(minute / 60, minute % 60), zone).toInstant();
    }
}
