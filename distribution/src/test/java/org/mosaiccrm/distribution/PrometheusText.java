package org.mosaiccrm.distribution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4 (no library for it is on Maven
 * Central for Java): it refuses what Prometheus' own parser refuses — a sample before its
 * family's TYPE, a TYPE or HELP given twice or after the family's samples, a family's lines not
 * together, a malformed name, label or value, an escape other than {@code \\ \" \n}, a label
 * twice, the same series twice, a text not ending in a newline — and checks what a histogram
 * promises: per label set, buckets in rising {@code le} order with non-decreasing counts, a
 * {@code +Inf} bucket equal to {@code _count}, and a {@code _sum}.
 */
final class PrometheusText {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern FLOAT = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static final class Family {
        final String name;
        String type = "untyped";
        String help;
        boolean typed;
        final List<Sample> samples = new ArrayList<>();

        Family(String name) {
            this.name = name;
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    private PrometheusText() {
    }

    static PrometheusText parse(String text) {
        PrometheusText p = new PrometheusText();
        p.read(text);
        return p;
    }

    Map<String, Family> families() {
        return families;
    }

    /** The value of the one sample with exactly these labels; null when there is none. */
    Double value(String sampleName, String... labels) {
        Map<String, String> wanted = pairs(labels);
        for (Family f : families.values()) {
            for (Sample s : f.samples) {
                if (s.name().equals(sampleName) && s.labels().equals(wanted)) {
                    return s.value();
                }
            }
        }
        return null;
    }

    /** Every sample of this name. */
    List<Sample> samples(String sampleName) {
        List<Sample> found = new ArrayList<>();
        for (Family f : families.values()) {
            for (Sample s : f.samples) {
                if (s.name().equals(sampleName)) {
                    found.add(s);
                }
            }
        }
        return found;
    }

    private static Map<String, String> pairs(String... labels) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return map;
    }

    private void read(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("The exposition does not end with a line feed");
        }
        Set<String> closed = new HashSet<>();
        Set<String> series = new HashSet<>();
        String current = null;
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            try {
                String family;
                if (line.startsWith("#")) {
                    family = comment(line);
                    if (family == null) {
                        continue;
                    }
                } else {
                    Sample s = sample(line);
                    family = familyOf(s.name());
                    Family f = families.computeIfAbsent(family, Family::new);
                    if (!series.add(s.name() + s.labels().toString())) {
                        throw new IllegalArgumentException("The series is given twice");
                    }
                    f.samples.add(new Sample(s.name(), Map.copyOf(s.labels()), s.value()));
                }
                if (!family.equals(current)) {
                    if (closed.contains(family)) {
                        throw new IllegalArgumentException("The lines of " + family + " are not together");
                    }
                    if (current != null) {
                        closed.add(current);
                    }
                    current = family;
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Line " + lineNo + " (" + line + "): " + e.getMessage(), e);
            }
        }
        families.values().forEach(PrometheusText::checkHistogram);
    }

    /** A HELP or TYPE line's family, or null for any other comment. */
    private String comment(String line) {
        String[] parts = line.split(" ", 4);
        if (parts.length < 3 || !parts[0].equals("#") || !(parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
            return null;
        }
        String name = parts[2];
        name(name, METRIC_NAME);
        Family f = families.computeIfAbsent(name, Family::new);
        if (parts[1].equals("TYPE")) {
            String type = parts.length == 4 ? parts[3] : "";
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException("Unknown type '" + type + "'");
            }
            if (!f.samples.isEmpty() || !"untyped".equals(f.type) || f.typed) {
                throw new IllegalArgumentException("TYPE given twice or after samples");
            }
            f.type = type;
            f.typed = true;
        } else {
            if (f.help != null) {
                throw new IllegalArgumentException("HELP given twice");
            }
            f.help = unescape(parts.length == 4 ? parts[3] : "", false);
        }
        return name;
    }

    /** The family a sample belongs to: the histogram or summary its suffix names, if declared, else its own name. */
    private String familyOf(String sampleName) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                Family f = families.get(base);
                if (f != null && (f.type.equals("histogram") || (f.type.equals("summary") && !suffix.equals("_bucket")))) {
                    return base;
                }
            }
        }
        return sampleName;
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        name(name, METRIC_NAME);
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                if (i < line.length() && line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = line.indexOf('=', i);
                if (eq < 0) {
                    throw new IllegalArgumentException("A label without '='");
                }
                String label = line.substring(i, eq);
                name(label, LABEL_NAME);
                if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("A label value not in quotes");
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                while (true) {
                    if (j >= line.length()) {
                        throw new IllegalArgumentException("A label value without its closing quote");
                    }
                    char c = line.charAt(j);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        if (j + 1 >= line.length()) {
                            throw new IllegalArgumentException("A lone backslash");
                        }
                        char e = line.charAt(j + 1);
                        value.append(switch (e) {
                            case '\\' -> '\\';
                            case '"' -> '"';
                            case 'n' -> '\n';
                            default -> throw new IllegalArgumentException("The escape \\" + e + " is not in the format");
                        });
                        j += 2;
                        continue;
                    }
                    value.append(c);
                    j++;
                }
                if (labels.put(label, value.toString()) != null) {
                    throw new IllegalArgumentException("The label " + label + " is given twice");
                }
                i = j + 1;
                if (i < line.length() && line.charAt(i) == ',') {
                    i++;
                } else if (i >= line.length() || line.charAt(i) != '}') {
                    throw new IllegalArgumentException("Labels not separated by ','");
                }
            }
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new IllegalArgumentException("No value");
        }
        String[] rest = line.substring(i + 1).split(" ", -1);
        if (rest.length < 1 || rest.length > 2) {
            throw new IllegalArgumentException("Expected a value and at most a timestamp");
        }
        double value = number(rest[0]);
        if (rest.length == 2 && !rest[1].matches("-?[0-9]+")) {
            throw new IllegalArgumentException("Not a timestamp: " + rest[1]);
        }
        return new Sample(name, labels, value);
    }

    static double number(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (!FLOAT.matcher(text).matches()) {
                    throw new IllegalArgumentException("Not a number: '" + text + "'");
                }
                yield Double.parseDouble(text);
            }
        };
    }

    private static void name(String name, Pattern pattern) {
        if (!pattern.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a valid name: '" + name + "'");
        }
    }

    private static String unescape(String text, boolean quotes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char e = text.charAt(++i);
                out.append(e == 'n' ? '\n' : e == '\\' ? '\\' : e == '"' && quotes ? '"' : fail(e));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static char fail(char e) {
        throw new IllegalArgumentException("The escape \\" + e + " is not in the format");
    }

    private static void checkHistogram(Family f) {
        if (!f.type.equals("histogram")) {
            return;
        }
        Map<Map<String, String>, List<Sample>> buckets = new HashMap<>();
        Map<Map<String, String>, Double> counts = new HashMap<>();
        Set<Map<String, String>> sums = new HashSet<>();
        for (Sample s : f.samples) {
            Map<String, String> key = new TreeMap<>(s.labels());
            if (s.name().equals(f.name + "_bucket")) {
                if (key.remove("le") == null) {
                    throw new IllegalArgumentException(f.name + ": a bucket without le");
                }
                buckets.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
            } else if (s.name().equals(f.name + "_count")) {
                counts.put(key, s.value());
            } else if (s.name().equals(f.name + "_sum")) {
                sums.add(key);
            } else {
                throw new IllegalArgumentException(f.name + ": " + s.name() + " is not a histogram's sample");
            }
        }
        for (Map.Entry<Map<String, String>, List<Sample>> e : buckets.entrySet()) {
            double lastBound = Double.NEGATIVE_INFINITY;
            double lastCount = 0;
            for (Sample b : e.getValue()) {
                double bound = number(b.labels().get("le"));
                if (bound <= lastBound || b.value() < lastCount) {
                    throw new IllegalArgumentException(f.name + e.getKey() + ": buckets out of order or not cumulative");
                }
                lastBound = bound;
                lastCount = b.value();
            }
            if (lastBound != Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(f.name + e.getKey() + ": no +Inf bucket");
            }
            if (!Double.valueOf(lastCount).equals(counts.get(e.getKey())) || !sums.contains(e.getKey())) {
                throw new IllegalArgumentException(f.name + e.getKey() + ": _count is not the +Inf bucket, or _sum is missing");
            }
        }
        if (!buckets.keySet().equals(counts.keySet())) {
            throw new IllegalArgumentException(f.name + ": a _count without buckets");
        }
    }
}
