package org.mosaiccrm.analytics.impl;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.mosaiccrm.analytics.api.TimeBuckets;
import org.mosaiccrm.funnel.api.DealHistory;
import org.mosaiccrm.funnel.api.Pipeline;
import org.mosaiccrm.funnel.api.Stage;
import org.mosaiccrm.funnel.api.StageKind;

/**
 * Analyses of the sales process over one pipeline's deals and their stage history.
 * <ul>
 * <li>Conversion: the steps are the pipeline's open and won stages in order (lost ones are no
 * step). A deal created in the period entered every step up to the furthest it ever reached (a
 * deal moved past a stage passed it); a step's {@code converted} are those that entered the next
 * step, {@code rate} their share, {@code ofPrevious} the step's share of the step before.</li>
 * <li>Win rate, average deal size (per currency), sales cycle: over the deals closed in the
 * period (won or lost), from their creation to their close.</li>
 * <li>Sales velocity, per currency: what the pipeline earns per day at its current pace, open
 * deals (in an open stage now, whenever created) × win rate × average deal size ÷ sales cycle
 * length in days, from the exact counts and sums (its parts rounded for showing only).</li>
 * <li>Forecast against actual, per bucket and currency: the amounts of deals expected to close
 * in the bucket, weighted by their probability today (their own, else their stage's: won 100,
 * lost 0), beside the amounts of the deals won in it.</li>
 * </ul>
 */
final class SalesAnalysis {

    /** A step of the funnel. */
    record Step(String stageId, String name, long entered, long converted, BigDecimal rate, BigDecimal ofPrevious) {
    }

    /** The funnel of one period of creation, or of the whole range ({@code period} null). */
    record Conversion(String period, long deals, List<Step> stages) {
    }

    /** An amount in one currency. */
    record Amount(String currency, BigDecimal amount) {
    }

    /** Forecast and actual of one bucket and currency. */
    record ForecastRow(String period, String currency, BigDecimal forecast, BigDecimal actual) {
    }

    record Summary(long won, long lost, BigDecimal winRate, List<Amount> averageDealSize, BigDecimal salesCycleDays,
            List<ForecastRow> forecast, long openDeals, List<Amount> salesVelocity) {
    }

    private final Pipeline pipeline;
    private final Map<String, Integer> step = new HashMap<>();
    private final List<Stage> steps = new ArrayList<>();
    private final Map<String, Stage> stages = new HashMap<>();

    SalesAnalysis(Pipeline pipeline) {
        this.pipeline = pipeline;
        for (Stage s : pipeline.stages()) {
            stages.put(s.id(), s);
            if (s.kind() != StageKind.LOST) {
                step.put(s.id(), steps.size());
                steps.add(s);
            }
        }
    }

    Pipeline pipeline() {
        return pipeline;
    }

    /** The furthest step a deal reached, or −1 when it never entered one (lost at once, or only in stages since removed). */
    private int furthest(DealHistory.Deal deal) {
        int max = step.getOrDefault(deal.stageId(), -1);
        for (DealHistory.Move m : deal.moves()) {
            max = Math.max(max, step.getOrDefault(m.toStageId(), -1));
        }
        return max;
    }

    /** The funnel of the deals created in [start, end), grouped by {@code periodOf} their creation (a constant for one funnel). */
    List<Conversion> conversion(List<DealHistory.Deal> deals, Instant start, Instant end, Function<Instant, String> periodOf) {
        Map<String, long[]> entered = new TreeMap<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        Map<String, long[]> created = new HashMap<>();
        for (DealHistory.Deal d : deals) {
            if (d.createdAt().isBefore(start) || !d.createdAt().isBefore(end)) {
                continue;
            }
            String period = periodOf.apply(d.createdAt());
            long[] counts = entered.computeIfAbsent(period, k -> new long[steps.size()]);
            created.computeIfAbsent(period, k -> new long[1])[0]++;
            int reached = furthest(d);
            for (int i = 0; i <= reached; i++) {
                counts[i]++;
            }
        }
        List<Conversion> out = new ArrayList<>();
        entered.forEach((period, counts) -> {
            List<Step> rows = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                long converted = i + 1 < steps.size() ? counts[i + 1] : 0;
                rows.add(new Step(steps.get(i).id(), steps.get(i).name(), counts[i], converted,
                        i + 1 < steps.size() ? ratio(converted, counts[i]) : null, i == 0 ? null : ratio(counts[i], counts[i - 1])));
            }
            out.add(new Conversion(period, created.get(period)[0], rows));
        });
        return out;
    }

    /** The funnel of all deals created in [start, end); every step at 0 when there are none. */
    Conversion total(List<DealHistory.Deal> deals, Instant start, Instant end) {
        List<Conversion> one = conversion(deals, start, end, t -> null);
        return one.isEmpty() ? new Conversion(null, 0, steps.stream().map(s -> new Step(s.id(), s.name(), 0, 0, null, null)).toList())
                : one.get(0);
    }

    /** Win rate, deal size, cycle and forecast against actual of the deals of [start, end). */
    Summary summary(List<DealHistory.Deal> deals, Instant start, Instant end, TimeBuckets buckets) {
        long won = 0;
        long lost = 0;
        long open = 0;
        Map<String, BigDecimal> wonAmounts = new TreeMap<>();
        Map<String, long[]> wonCounted = new HashMap<>();
        long cycleSeconds = 0;
        Map<List<String>, BigDecimal[]> forecast = new TreeMap<>(FpGrowth.ITEMS);
        for (DealHistory.Deal d : deals) {
            Stage stage = stages.get(d.stageId());
            if (stage != null && stage.kind() == StageKind.OPEN) {
                open++;
            }
            boolean closedInRange = d.closedAt() != null && !d.closedAt().isBefore(start) && d.closedAt().isBefore(end) && stage != null;
            if (closedInRange && stage.kind() == StageKind.WON) {
                won++;
                cycleSeconds += Duration.between(d.createdAt(), d.closedAt()).getSeconds();
                if (d.amount() != null) {
                    wonAmounts.merge(d.currency(), d.amount(), BigDecimal::add);
                    wonCounted.computeIfAbsent(d.currency(), k -> new long[1])[0]++;
                    BigDecimal[] row = forecastRow(forecast, buckets.label(d.closedAt()), d.currency());
                    row[1] = row[1].add(d.amount());
                }
            } else if (closedInRange && stage.kind() == StageKind.LOST) {
                lost++;
            }
            if (d.amount() != null && d.expectedClose() != null && stage != null) {
                Instant expected = d.expectedClose().atStartOfDay(buckets.zone()).toInstant();
                if (!expected.isBefore(start) && expected.isBefore(end)) {
                    int probability = stage.kind() == StageKind.WON ? 100 : stage.kind() == StageKind.LOST ? 0
                            : d.probability() != null ? d.probability() : stage.probability();
                    BigDecimal[] row = forecastRow(forecast, buckets.label(expected), d.currency());
                    row[0] = row[0].add(d.amount().multiply(BigDecimal.valueOf(probability)).movePointLeft(2));
                }
            }
        }
        List<Amount> sizes = new ArrayList<>();
        wonAmounts.forEach((currency, sum) -> sizes.add(new Amount(currency,
                sum.divide(BigDecimal.valueOf(wonCounted.get(currency)[0]), 2, RoundingMode.HALF_EVEN))));
        List<ForecastRow> rows = new ArrayList<>();
        forecast.forEach((k, v) -> rows.add(new ForecastRow(k.get(0), k.get(1), v[0], v[1])));
        BigDecimal cycle = won == 0 ? null
                : BigDecimal.valueOf(cycleSeconds).divide(BigDecimal.valueOf(won * 86_400L), 2, RoundingMode.HALF_EVEN);
        return new Summary(won, lost, ratio(won, won + lost), sizes, cycle, rows, open,
                velocity(open, won, lost, cycleSeconds, wonAmounts, wonCounted));
    }

    /**
     * Open × (won ÷ closed) × (sum ÷ deals won with an amount) ÷ (cycle seconds ÷ won ÷ 86,400)
     * per currency, as one exact fraction divided once, to two decimals; none without a win or
     * with a cycle of no time.
     */
    private static List<Amount> velocity(long open, long won, long lost, long cycleSeconds, Map<String, BigDecimal> wonAmounts,
            Map<String, long[]> wonCounted) {
        List<Amount> out = new ArrayList<>();
        if (won == 0 || cycleSeconds == 0) {
            return out;
        }
        wonAmounts.forEach((currency, sum) -> {
            BigDecimal numerator = sum.multiply(BigDecimal.valueOf(open)).multiply(BigDecimal.valueOf(won))
                    .multiply(BigDecimal.valueOf(won)).multiply(BigDecimal.valueOf(86_400L));
            BigDecimal denominator = BigDecimal.valueOf(wonCounted.get(currency)[0]).multiply(BigDecimal.valueOf(won + lost))
                    .multiply(BigDecimal.valueOf(cycleSeconds));
            out.add(new Amount(currency, numerator.divide(denominator, 2, RoundingMode.HALF_EVEN)));
        });
        return out;
    }

    private static BigDecimal[] forecastRow(Map<List<String>, BigDecimal[]> rows, String period, String currency) {
        return rows.computeIfAbsent(List.of(period, currency), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
    }

    /** part / whole to 4 decimals (a share, 0.6667), or null of nothing. */
    static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
    }
}
