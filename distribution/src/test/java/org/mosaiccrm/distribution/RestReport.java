package org.mosaiccrm.distribution;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The REST benchmark's results as a plain table ({@code target/bench/rest.txt}) and as a section
 * to paste into {@code docs/bench/rest.md}: a line per row, and under it a line per floor that
 * bounds it, with how far the row is from it (latency rows by p50, throughput rows by req/s).
 */
final class RestReport {

    private static final String[] COLUMNS = {"clients", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors", "vs floor"};

    private final List<RestBenchmark.Row> rows;
    private final Map<String, RestBenchmark.Floor> floors;
    private final List<String> notes;

    RestReport(List<RestBenchmark.Row> rows, Map<String, RestBenchmark.Floor> floors, List<String> notes) {
        this.rows = rows;
        this.floors = floors;
        this.notes = notes;
    }

    /** One line of the table: its label and its cells in the order of {@link #COLUMNS}. */
    private record Line(String label, String[] cells) {
    }

    private List<Line> lines() {
        List<Line> lines = new ArrayList<>();
        for (RestBenchmark.Row row : rows) {
            lines.add(new Line(row.label(), cells(row.result(), "")));
            for (String key : row.floors()) {
                RestBenchmark.Floor floor = floors.get(key);
                if (floor == null) {
                    lines.add(new Line("↳ floor " + key + ": not measured", blank()));
                } else if (floor.result() == null) {
                    lines.add(new Line("↳ floor: " + floor.label() + ": n/a: " + firstSentence(floor.missing()), blank()));
                } else {
                    lines.add(new Line("↳ floor: " + floor.label(), cells(floor.result(), versus(row.result(), floor.result()))));
                }
            }
        }
        return lines;
    }

    /** How many times the floor the row is: slower for one client (p50), or what share of the floor's throughput it reaches. */
    private static String versus(ClosedLoop.Result row, ClosedLoop.Result floor) {
        if (row.clients() == 1) {
            return "p50 ×" + ratio(row.millis(50) / floor.millis(50));
        }
        return "req/s ×" + ratio(row.perSecond() / floor.perSecond());
    }

    /** Two significant digits at least, so that a row at a thousandth of its floor does not read as zero. */
    private static String ratio(double r) {
        return String.format(Locale.ROOT, r >= 100 ? "%,.0f" : r >= 1 ? "%.1f" : "%.2g", r);
    }

    private static String[] cells(ClosedLoop.Result r, String versus) {
        return new String[] {Integer.toString(r.clients()), String.format(Locale.ROOT, "%,d", r.requests()),
                String.format(Locale.ROOT, "%,.1f", r.perSecond()), ms(r.millis(50)), ms(r.millis(90)), ms(r.millis(99)), ms(r.maxMillis()),
                Long.toString(r.errors()), versus};
    }

    /** Databases explain a missing column at length; its first sentence names it. */
    private static String firstSentence(String message) {
        String m = String.valueOf(message).replaceAll("\\s+", " ").strip();
        int end = m.indexOf(". ");
        m = end > 0 ? m.substring(0, end + 1) : m;
        return m.length() > 160 ? m.substring(0, 160) + "…" : m;
    }

    private static String[] blank() {
        String[] cells = new String[COLUMNS.length];
        java.util.Arrays.fill(cells, "");
        return cells;
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.3f" : millis < 1000 ? "%.1f" : "%,.0f", millis);
    }

    private static List<String> header(String db, int people, ClosedLoop loop) {
        return List.of("machine   " + Bench.machine(), "jvm       " + Bench.jvm(), "database  " + db,
                String.format(Locale.ROOT, "people    %,d", people), "build     " + Bench.gitCommit(),
                "load      " + loop.describe());
    }

    String text(String db, int people, ClosedLoop loop) {
        StringBuilder sb = new StringBuilder("== Mosaic REST benchmark ==\n");
        header(db, people, loop).forEach(h -> sb.append(h).append('\n'));
        notes.forEach(n -> sb.append("note      ").append(n).append('\n'));
        sb.append('\n');
        List<Line> lines = lines();
        int width = lines.stream().mapToInt(l -> l.label().length()).max().orElse(10);
        width = Math.min(width, 96);
        sb.append(String.format(Locale.ROOT, "%-" + width + "s", "request"));
        for (String column : COLUMNS) {
            sb.append(String.format(Locale.ROOT, " %11s", column));
        }
        sb.append('\n');
        for (Line line : lines) {
            boolean missing = line.cells()[0].isEmpty();
            sb.append(missing ? line.label() : String.format(Locale.ROOT, "%-" + width + "s", line.label()));
            if (!missing) {
                for (String cell : line.cells()) {
                    sb.append(String.format(Locale.ROOT, " %11s", cell));
                }
            }
            sb.append('\n');
        }
        errors(sb, "");
        return sb.toString();
    }

    /** The first failure of every row that had any: errors are counted, never hidden. */
    private void errors(StringBuilder sb, String bullet) {
        boolean any = false;
        for (RestBenchmark.Row row : rows) {
            if (row.result().errors() > 0) {
                if (!any) {
                    sb.append('\n').append("errors (the first of each row):\n");
                    any = true;
                }
                sb.append(bullet).append(row.label()).append(" ×").append(row.result().clients()).append(": ").append(row.result().errors())
                        .append(", first: ").append(row.result().firstError()).append('\n');
            }
        }
    }

    String markdown(String heading, String db, int people, ClosedLoop loop) {
        StringBuilder sb = new StringBuilder("### ").append(LocalDate.now()).append(": ").append(heading).append("\n\n");
        header(db, people, loop).forEach(h -> sb.append("- ").append(h.replaceFirst("^(\\S+)\\s+", "$1: ")).append('\n'));
        notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        sb.append("\n| request |");
        for (String column : COLUMNS) {
            sb.append(' ').append(column).append(" |");
        }
        sb.append("\n|---|");
        sb.append("---:|".repeat(COLUMNS.length)).append('\n');
        for (Line line : lines()) {
            String label = line.label().replace("|", "\\|");
            sb.append("| ").append(label.startsWith("↳") ? label : "`" + label + "`").append(" |");
            for (String cell : line.cells()) {
                sb.append(' ').append(cell).append(" |");
            }
            sb.append('\n');
        }
        errors(sb, "- ");
        return sb.toString();
    }
}
