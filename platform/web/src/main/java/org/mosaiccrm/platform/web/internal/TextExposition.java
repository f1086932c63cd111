package org.mosaiccrm.platform.web.internal;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.mosaiccrm.platform.api.monitoring.MetricsWriter;

/**
 * Writes metric families in the Prometheus text exposition format 0.0.4: a {@code # HELP} and a
 * {@code # TYPE} line per family, then its samples, label values escaped. One instance per
 * {@code MetricsSource} per scrape, so that a source that fails or repeats a name another
 * source wrote can be left out whole ({@link #names()} tells which names it used).
 */
final class TextExposition implements MetricsWriter {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final StringBuilder out = new StringBuilder();
    /** Every sample name a family of this writer may produce, so that no two families overlap. */
    private final Set<String> names = new HashSet<>();
    /** The family declared last: the format wants a family's lines together, so only it takes samples. */
    private Object open;

    @Override
    public Family gauge(String name, String help) {
        declare(name, "gauge", help, name);
        return opened(new Sampled(name));
    }

    @Override
    public Family counter(String name, String help) {
        if (name.endsWith("_total")) {
            throw new IllegalArgumentException("A counter is named without _total (the format adds it): " + name);
        }
        declare(name + "_total", "counter", help, name + "_total");
        return opened(new Sampled(name + "_total"));
    }

    /** A histogram: cumulative buckets by upper bound, their sum and count, per label set. */
    Histogram histogram(String name, String help, double[] bounds) {
        declare(name, "histogram", help, name + "_bucket", name + "_sum", name + "_count");
        return opened(new Histogram(name, bounds));
    }

    private <F> F opened(F family) {
        open = family;
        return family;
    }

    private void requireOpen(Object family) {
        if (open != family) {
            throw new IllegalStateException("A family's samples must follow it, before the next family is declared");
        }
    }

    String text() {
        return out.toString();
    }

    Set<String> names() {
        return names;
    }

    private void declare(String name, String type, String help, String... sampleNames) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a metric name: " + name);
        }
        for (String n : sampleNames) {
            if (!names.add(n)) {
                throw new IllegalArgumentException("The metric " + n + " is written twice");
            }
        }
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String[] labels, String extraName, String extraValue, double value) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("Labels come in name/value pairs: " + String.join(",", labels));
        }
        out.append(name);
        if (labels.length > 0 || extraName != null) {
            out.append('{');
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < labels.length; i += 2) {
                label(labels[i], labels[i + 1], seen, i > 0);
            }
            if (extraName != null) {
                label(extraName, extraValue, seen, labels.length > 0);
            }
            out.append('}');
        }
        out.append(' ').append(number(value)).append('\n');
    }

    private void label(String name, String value, Set<String> seen, boolean comma) {
        if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__") || !seen.add(name)) {
            throw new IllegalArgumentException("Not a label name, or given twice: " + name);
        }
        if (value == null) {
            throw new IllegalArgumentException("The label " + name + " has no value");
        }
        if (comma) {
            out.append(',');
        }
        out.append(name).append("=\"").append(escapeLabel(value)).append('"');
    }

    static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** A value as the format writes it: integers without a fraction, infinities as +Inf/-Inf. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** A bucket's bound as its {@code le} label: {@code 0.005}, {@code 1}, {@code 2.5}. */
    static String bound(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private final class Sampled implements Family {
        private final String sampleName;

        Sampled(String sampleName) {
            this.sampleName = sampleName;
        }

        @Override
        public Family sample(double value, String... labels) {
            requireOpen(this);
            TextExposition.this.sample(sampleName, labels, null, null, value);
            return this;
        }
    }

    final class Histogram {
        private final String name;
        private final double[] bounds;

        Histogram(String name, double[] bounds) {
            this.name = name;
            this.bounds = bounds.clone();
        }

        /**
         * One label set's histogram: {@code counts[i]} observations at most {@code bounds[i]}
         * and above the bound before (not cumulative), the last one above every bound.
         */
        Histogram sample(long[] counts, double sum, String... labels) {
            if (counts.length != bounds.length + 1) {
                throw new IllegalArgumentException("One count per bound and one above them all");
            }
            requireOpen(this);
            long cumulative = 0;
            for (int i = 0; i < bounds.length; i++) {
                cumulative += counts[i];
                TextExposition.this.sample(name + "_bucket", labels, "le", bound(bounds[i]), cumulative);
            }
            cumulative += counts[bounds.length];
            TextExposition.this.sample(name + "_bucket", labels, "le", "+Inf", cumulative);
            TextExposition.this.sample(name + "_sum", labels, null, null, sum);
            TextExposition.this.sample(name + "_count", labels, null, null, cumulative);
            return this;
        }
    }
}
