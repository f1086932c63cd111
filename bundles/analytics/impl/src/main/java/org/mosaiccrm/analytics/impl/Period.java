package org.mosaiccrm.analytics.impl;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.mosaiccrm.platform.api.persistence.Sql;

/**
 * A range of whole local days in the company's time zone, {@code from} to {@code to} inclusive,
 * and the moments it covers: [local midnight of from, local midnight after to).
 */
record Period(LocalDate from, LocalDate to, ZoneId zone) {

    /** The longest period one question covers. */
    static final int MAX_YEARS = 10;

    Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The period of the same number of days just before this one: what a figure is compared with. */
    Period previous() {
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        return new Period(from.minusDays(days), from.minusDays(1), zone);
    }

    /** Reads {@code from} and {@code to} (defaults: the twelve months up to today), checked. */
    static Period of(Params params, ZoneId zone) {
        LocalDate today = Sql.instant().atZone(zone).toLocalDate();
        LocalDate to = params.date("to", today);
        LocalDate from = params.date("from", to.withDayOfMonth(1).minusMonths(11));
        if (to.isBefore(from)) {
            params.error("to", "must not lie before from");
        } else if (to.isAfter(from.plusYears(MAX_YEARS))) {
            params.error("to", "must lie within " + MAX_YEARS + " years of from");
        }
        return new Period(from, to, zone);
    }
}
