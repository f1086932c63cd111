package org.mosaiccrm.tickets.impl;

import java.time.Duration;
import java.time.Instant;

/**
 * One SLA target's clock on a ticket (first response, next response or resolution), counted in
 * working time on the ticket's calendar. It keeps the working time used up to its last pause
 * ({@code used}) and, while it runs, since when; the due time follows from those and the
 * target, so that a changed target or calendar moves the due time without losing the time
 * already used — and a pause loses none either.
 *
 * <p>Immutable: every change returns the clock as it is after it.
 *
 * @param target  the working time allowed; null when the policy sets no target (the clock then has no due time)
 * @param used    working time used while the clock ran, up to {@code since} or to its last pause
 * @param since   when the clock last started running; null while it stands still
 * @param doneAt  when the target was met (the reply given, the ticket solved); null while open
 * @param breached whether the target was missed: met after its due time, or still open past it
 * @param owed    whether the target is owed: counting, or paused while owed (an idle next response is not)
 */
public record SlaClock(Duration target, Duration used, Instant since, Instant doneAt, boolean breached, boolean owed) {

    /** A clock that has not started (a next response before the customer wrote again). */
    public static SlaClock idle(Duration target) {
        return new SlaClock(target, Duration.ZERO, null, null, false, false);
    }

    /** A clock owed but standing still (a ticket opened as pending or on hold). */
    public static SlaClock paused(Duration target) {
        return new SlaClock(target, Duration.ZERO, null, null, false, true);
    }

    /** A clock that starts now. */
    public static SlaClock started(Duration target, Instant now) {
        return new SlaClock(target, Duration.ZERO, now, null, false, true);
    }

    public boolean isRunning() {
        return since != null && doneAt == null;
    }

    /** When the target falls due while the clock runs; null when it stands still, is done or has no target. */
    public Instant due(BusinessCalendar calendar) {
        if (!isRunning() || target == null) {
            return null;
        }
        Duration left = target.minus(used);
        return calendar.plus(since, left.isNegative() ? Duration.ZERO : left);
    }

    /** The working time used by {@code now}, counting the running stretch. */
    public Duration usedBy(BusinessCalendar calendar, Instant now) {
        return isRunning() ? used.plus(calendar.between(since, now)) : used;
    }

    /** Stands still from now (the ticket waits for the customer or is on hold); the time used is kept. */
    public SlaClock pause(BusinessCalendar calendar, Instant now) {
        if (!isRunning()) {
            return this;
        }
        Duration total = usedBy(calendar, now);
        return new SlaClock(target, total, null, null, breached || over(total), true);
    }

    /** Runs again from now, with the time it had used, if it is owed and stands still. */
    public SlaClock resume(Instant now) {
        return !owed || since != null ? this : new SlaClock(target, used, now, null, breached, true);
    }

    /** The target is met now (a public reply, the ticket solved): breached if that is after its due time; a clock not owed stays as it is. */
    public SlaClock complete(BusinessCalendar calendar, Instant now) {
        if (!owed) {
            return this;
        }
        Duration total = usedBy(calendar, now);
        return new SlaClock(target, total, null, now, breached || over(total), false);
    }

    /** Open again (a solved ticket reopened): runs from now with the time it had used. */
    public SlaClock reopen(Instant now) {
        return doneAt == null ? resume(now) : new SlaClock(target, used, now, null, breached, true);
    }

    /** Restarts from nothing (the customer wrote again: a new next response is owed). */
    public SlaClock restart(Instant now, boolean running) {
        return new SlaClock(target, Duration.ZERO, running ? now : null, null, false, true);
    }

    /** The same clock under another target (a changed policy): what was used stays used. */
    public SlaClock withTarget(Duration newTarget) {
        return new SlaClock(newTarget, used, since, doneAt, newTarget != null && (breached || doneAt == null) && over(used, newTarget), owed);
    }

    /** Breached by now: marked so, or running past its due time. */
    public boolean breachedBy(BusinessCalendar calendar, Instant now) {
        return breached || (isRunning() && target != null && over(usedBy(calendar, now)));
    }

    private boolean over(Duration total) {
        return over(total, target);
    }

    private static boolean over(Duration total, Duration target) {
        return target != null && total.compareTo(target) > 0;
    }
}
