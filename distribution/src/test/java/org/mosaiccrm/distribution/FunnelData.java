package org.mosaiccrm.distribution;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.testing.Workload;

/**
 * The data of the funnel benchmark ({@code docs/bench/funnel.md}), generated from a seed so that
 * every run and every database hold the same: deals with their stage history, written by JDBC
 * straight into the funnel's tables while the server is stopped (the REST API one deal and one
 * move at a time would take hours on two cores), exactly as {@code DealFields.moveTo} and the
 * deal resource write them; and the orders CSV, one line per row, that goes through the public
 * import, with its raw JDBC baseline: the same orders, lines and products as plain batches.
 */
final class FunnelData {

    /** A stage as the pipeline resource answered it. */
    record Stage(String id, int probability, String kind) {
        boolean open() {
            return "open".equals(kind);
        }
    }

    /** An owner of deals: a user and their team. */
    record Owner(String userId, String teamId) {
    }

    /** What the bulk load wrote. */
    record Loaded(long deals, long moves, double seconds) {
    }

    private static final String[] WORDS = ("Renewal Upgrade Rollout Pilot Expansion Licences Support Migration Training Hardware "
            + "Consulting Integration Audit Subscription Onboarding").split(" ");

    private FunnelData() {
    }

    /**
     * The deals, spread evenly over the pipelines, and {@code moves} stage-history rows among them
     * (each deal has at least one: its creation, from no stage to its first). A deal walks forward
     * through its pipeline's open stages to where it is now (an open stage, or won or lost from
     * one of them); the moves beyond that walk go back and forth between open stages on the way,
     * as real deals do. Times lie in the two years before {@code now}; each deal's row carries
     * what its last move left (stage, stage since, closed at), amounts and currencies of the
     * deal at every move.
     */
    static Loaded loadDeals(Connection c, long seed, int deals, long moves, List<List<Stage>> pipelines, List<String> pipelineIds,
            List<Owner> owners, List<String> organizationIds, LocalDateTime now) throws SQLException {
        Random random = new Random(seed);
        long start = System.nanoTime();
        long base = moves / deals;
        long extra = moves % deals;
        long writtenMoves = 0;
        LocalDate today = now.toLocalDate();
        c.setAutoCommit(false);
        try (PreparedStatement deal = c.prepareStatement("INSERT INTO FN_DEAL (ID, VERSION, CREATED_AT, UPDATED_AT, OWNER_ID, TEAM_ID,"
                + " TITLE, TITLE_KEY, PIPELINE_ID, STAGE_ID, AMOUNT, CURRENCY, EXPECTED_CLOSE, PROBABILITY, ORGANIZATION_ID, PERSON_IDS,"
                + " NEXT_STEP, NEXT_STEP_AT, CLOSED_AT, CLOSE_REASON, STAGE_SINCE, CUSTOM)"
                + " VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, NULL, ?, NULL)");
                PreparedStatement move = c.prepareStatement("INSERT INTO FN_STAGE_MOVE (ID, VERSION, CREATED_AT, UPDATED_AT, OWNER_ID,"
                        + " TEAM_ID, DEAL_ID, PIPELINE_ID, FROM_STAGE_ID, TO_STAGE_ID, MOVED_AT, MOVED_BY, AMOUNT, CURRENCY)"
                        + " VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < deals; i++) {
                int p = i % pipelines.size();
                List<Stage> stages = pipelines.get(p);
                List<Stage> open = stages.stream().filter(Stage::open).toList();
                int count = (int) (base + (i < extra ? 1 : 0));
                List<Stage> path = path(random, stages, open, Math.max(1, count));
                Stage last = path.get(path.size() - 1);
                Owner owner = owners.get(random.nextInt(owners.size()));
                String id = RecordIds.newId();
                // Moves a few days apart, the last one between today and two years ago.
                LocalDateTime lastAt = now.minusMinutes(random.nextInt(2 * 365 * 24 * 60));
                List<LocalDateTime> times = new ArrayList<>(path.size());
                LocalDateTime t = lastAt;
                for (int m = path.size() - 1; m >= 0; m--) {
                    times.add(0, t);
                    t = t.minusMinutes(60 + random.nextInt(14 * 24 * 60));
                }
                t = times.get(0);
                boolean withAmount = random.nextInt(100) < 95;
                String currency = withAmount ? (random.nextInt(100) < 85 ? "EUR" : "USD") : null;
                BigDecimal amount = withAmount ? BigDecimal.valueOf(500 + random.nextInt(200_000), 2).multiply(BigDecimal.TEN)
                        .setScale(4) : null;
                Integer probability = random.nextInt(100) < 10 ? 5 * random.nextInt(21) : null;
                LocalDate expected = today.plusDays(random.nextInt(540) - 180);
                String title = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " #" + i;
                LocalDateTime updated = lastAt;
                int c1 = 1;
                deal.setString(c1++, id);
                deal.setTimestamp(c1++, Timestamp.valueOf(times.get(0)));
                deal.setTimestamp(c1++, Timestamp.valueOf(updated));
                deal.setString(c1++, owner.userId());
                deal.setString(c1++, owner.teamId());
                deal.setString(c1++, title);
                deal.setString(c1++, title.toLowerCase(Locale.ROOT));
                deal.setString(c1++, pipelineIds.get(p));
                deal.setString(c1++, last.id());
                deal.setBigDecimal(c1++, amount);
                deal.setString(c1++, currency);
                deal.setDate(c1++, Date.valueOf(expected));
                if (probability == null) {
                    deal.setNull(c1++, Types.INTEGER);
                } else {
                    deal.setInt(c1++, probability);
                }
                deal.setString(c1++, organizationIds.isEmpty() || random.nextInt(100) < 10 ? null
                        : organizationIds.get(random.nextInt(organizationIds.size())));
                deal.setTimestamp(c1++, last.open() ? null : Timestamp.valueOf(lastAt));
                deal.setTimestamp(c1++, Timestamp.valueOf(lastAt));
                deal.addBatch();
                String from = null;
                for (int m = 0; m < path.size(); m++) {
                    Timestamp at = Timestamp.valueOf(times.get(m));
                    int c2 = 1;
                    move.setString(c2++, RecordIds.newId());
                    move.setTimestamp(c2++, at);
                    move.setTimestamp(c2++, at);
                    move.setString(c2++, owner.userId());
                    move.setString(c2++, owner.teamId());
                    move.setString(c2++, id);
                    move.setString(c2++, pipelineIds.get(p));
                    move.setString(c2++, from);
                    move.setString(c2++, path.get(m).id());
                    move.setTimestamp(c2++, at);
                    move.setString(c2++, owner.userId());
                    move.setBigDecimal(c2++, amount);
                    move.setString(c2++, currency);
                    move.addBatch();
                    from = path.get(m).id();
                    writtenMoves++;
                }
                if ((i + 1) % RawJdbcBaseline.COMMIT_ROWS == 0 || i == deals - 1) {
                    deal.executeBatch();
                    move.executeBatch();
                    c.commit();
                }
                if ((i + 1) % 50_000 == 0) {
                    Bench.log("%,d deals and %,d moves written in %.0f s", i + 1, writtenMoves, (System.nanoTime() - start) / 1e9);
                }
            }
        }
        return new Loaded(deals, writtenMoves, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The stages a deal went through, {@code count} moves in all: forward from the first open
     * stage to where it ends, then detours (to another open stage and on) inserted until it
     * has as many moves as it should; consecutive stages always differ.
     */
    private static List<Stage> path(Random random, List<Stage> stages, List<Stage> open, int count) {
        Stage end = stages.get(random.nextInt(stages.size()));
        List<Stage> path = new ArrayList<>();
        if (end.open()) {
            for (Stage s : open) {
                path.add(s);
                if (s == end) {
                    break;
                }
            }
        } else {
            int reached = random.nextInt(open.size());
            path.addAll(open.subList(0, reached + 1));
            path.add(end);
        }
        while (path.size() > count) {
            // Fewer moves than the walk: it jumped ahead (straight from an early stage to the end).
            path.remove(path.size() - 2);
        }
        while (path.size() < count) {
            // A detour before the end: back (or ahead) to another open stage and on.
            int at = random.nextInt(path.size());
            Stage before = at > 0 ? path.get(at - 1) : null;
            Stage detour = open.get(random.nextInt(open.size()));
            if (detour != before && detour != path.get(at)) {
                path.add(at, detour);
            }
        }
        return path;
    }

    /** One order line of the CSV, and what the import makes of it. */
    record OrderLine(int order, String number, String email, LocalDate orderedAt, String currency, String sku, int quantity,
            BigDecimal unitPrice, boolean firstOfOrder) {
    }

    /**
     * The order lines: orders of 1 to 9 lines (5 on average) with distinct SKUs among
     * {@code skus}, each SKU at its own price, customers among {@code emails}, in the last two
     * years, mostly in EUR.
     */
    static void orderLines(long seed, int lines, List<String> emails, int skus, LocalDate today, Consumer<OrderLine> out) {
        Random random = new Random(seed ^ 0x6f72_6465_7273L);
        int written = 0;
        for (int order = 0; written < lines; order++) {
            int size = Math.min(lines - written, 1 + random.nextInt(9));
            String number = String.format(Locale.ROOT, "FB-%07d", order);
            String email = emails.get(random.nextInt(emails.size()));
            LocalDate at = today.minusDays(random.nextInt(730));
            String currency = random.nextInt(100) < 90 ? "EUR" : "USD";
            int first = random.nextInt(skus);
            for (int l = 0; l < size; l++) {
                int sku = (first + l * 37) % skus;
                out.accept(new OrderLine(order, number, email, at, currency, String.format(Locale.ROOT, "FB-SKU-%04d", sku),
                        1 + random.nextInt(10), BigDecimal.valueOf(100 + (sku * 7919L) % 99_900, 2), l == 0));
                written++;
            }
        }
    }

    /** The orders CSV of the public import, in a file (so that its upload is not the generator's speed). */
    static Path ordersCsv(Path file, long seed, int lines, List<String> emails, int skus, LocalDate today) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("orderNumber,customerEmail,orderedAt,sku,quantity,unitPrice,currency\n");
            IOException[] failed = new IOException[1];
            orderLines(seed, lines, emails, skus, today, l -> {
                try {
                    w.write(l.number() + "," + l.email() + "," + l.orderedAt() + "," + l.sku() + "," + l.quantity() + ","
                            + l.unitPrice().toPlainString() + "," + l.currency() + "\n");
                } catch (IOException e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
        }
        return file;
    }

    /** What the raw JDBC baseline of the orders inserted and how long it took. */
    record RawOrders(long lines, long orders, long products, double seconds) {
        double linesPerSecond() {
            return lines / seconds;
        }
    }

    /**
     * The raw JDBC baseline of the orders import: the rows the import writes for the same CSV
     * (an order per number with its total, a line per row, a product the first time a SKU
     * appears), as plain batches of {@value RawJdbcBaseline#COMMIT_ROWS} lines a commit into
     * empty copies of the funnel's tables in the same database. The customers' ids are looked
     * up by email beforehand, untimed (the import finds them by email as it goes).
     */
    static RawOrders rawOrders(Connection c, long seed, int lines, List<String> emails, int skus, LocalDate today, Owner owner)
            throws SQLException {
        c.setAutoCommit(false);
        String[][] tables = {{"FN_ORDER", "BENCH_FN_ORDER"}, {"FN_ORDER_LINE", "BENCH_FN_ORDER_LINE"}, {"FN_PRODUCT", "BENCH_FN_PRODUCT"}};
        for (String[] t : tables) {
            RawJdbcBaseline.copyTable(c, t[0], t[1]);
        }
        c.commit();
        Map<String, String> people = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT PRIMARY_EMAIL, ID FROM CT_PERSON")) {
            while (rs.next()) {
                people.putIfAbsent(rs.getString(1), rs.getString(2));
            }
        }
        List<OrderLine> all = new ArrayList<>(lines);
        orderLines(seed, lines, emails, skus, today, all::add);
        Map<String, String> products = new HashMap<>();
        long orders = 0;
        long start = System.nanoTime();
        try (PreparedStatement order = c.prepareStatement("INSERT INTO BENCH_FN_ORDER (ID, VERSION, CREATED_AT, UPDATED_AT, OWNER_ID,"
                + " TEAM_ID, NUMBER, NUMBER_KEY, PERSON_ID, ORGANIZATION_ID, ORDERED_AT, CURRENCY, TOTAL, DEAL_ID)"
                + " VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, NULL)");
                PreparedStatement line = c.prepareStatement("INSERT INTO BENCH_FN_ORDER_LINE (ID, VERSION, CREATED_AT, UPDATED_AT,"
                        + " OWNER_ID, TEAM_ID, ORDER_ID, POSITION, PRODUCT_ID, SKU, QUANTITY, UNIT_PRICE, DISCOUNT)"
                        + " VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)");
                PreparedStatement product = c.prepareStatement("INSERT INTO BENCH_FN_PRODUCT (ID, VERSION, CREATED_AT, UPDATED_AT,"
                        + " OWNER_ID, TEAM_ID, SKU, SKU_KEY, NAME, NAME_KEY, ACTIVE, PRICES) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, NULL)")) {
            int i = 0;
            while (i < all.size()) {
                Timestamp now = new Timestamp(System.currentTimeMillis());
                int end = Math.min(all.size(), i + RawJdbcBaseline.COMMIT_ROWS);
                // A batch ends with its last order whole, as the total is written with the order.
                while (end < all.size() && !all.get(end).firstOfOrder()) {
                    end++;
                }
                boolean newProducts = false;
                String orderId = null;
                int position = 0;
                for (int j = i; j < end; j++) {
                    OrderLine l = all.get(j);
                    if (l.firstOfOrder()) {
                        orderId = RecordIds.newId();
                        position = 0;
                        BigDecimal total = BigDecimal.ZERO.setScale(4);
                        for (int k = j; k < end && all.get(k).order() == l.order(); k++) {
                            total = total.add(all.get(k).unitPrice().multiply(BigDecimal.valueOf(all.get(k).quantity())));
                        }
                        int p = 1;
                        order.setString(p++, orderId);
                        order.setTimestamp(p++, now);
                        order.setTimestamp(p++, now);
                        order.setString(p++, owner.userId());
                        order.setString(p++, owner.teamId());
                        order.setString(p++, l.number());
                        order.setString(p++, l.number().toUpperCase(Locale.ROOT));
                        order.setString(p++, people.get(l.email().toLowerCase(Locale.ROOT)));
                        order.setTimestamp(p++, Timestamp.valueOf(l.orderedAt().atStartOfDay()));
                        order.setString(p++, l.currency());
                        order.setBigDecimal(p++, total);
                        order.addBatch();
                        orders++;
                    }
                    String productId = products.get(l.sku());
                    if (productId == null) {
                        productId = RecordIds.newId();
                        products.put(l.sku(), productId);
                        int p = 1;
                        product.setString(p++, productId);
                        product.setTimestamp(p++, now);
                        product.setTimestamp(p++, now);
                        product.setString(p++, owner.userId());
                        product.setString(p++, owner.teamId());
                        product.setString(p++, l.sku());
                        product.setString(p++, l.sku().toUpperCase(Locale.ROOT));
                        product.setString(p++, l.sku());
                        product.setString(p++, l.sku().toLowerCase(Locale.ROOT));
                        product.addBatch();
                        newProducts = true;
                    }
                    int p = 1;
                    line.setString(p++, RecordIds.newId());
                    line.setTimestamp(p++, now);
                    line.setTimestamp(p++, now);
                    line.setString(p++, owner.userId());
                    line.setString(p++, owner.teamId());
                    line.setString(p++, orderId);
                    line.setInt(p++, position++);
                    line.setString(p++, productId);
                    line.setString(p++, l.sku());
                    line.setBigDecimal(p++, BigDecimal.valueOf(l.quantity()).setScale(4));
                    line.setBigDecimal(p++, l.unitPrice().setScale(4));
                    line.addBatch();
                }
                if (newProducts) {
                    product.executeBatch();
                }
                order.executeBatch();
                line.executeBatch();
                c.commit();
                i = end;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!RawJdbcBaseline.isPostgres(c)) {
            return new RawOrders(all.size(), orders, products.size(), seconds);
        }
        // A shared server keeps no copies; Derby's copies go with the benchmark's data folder.
        try (Statement s = c.createStatement()) {
            for (String[] t : tables) {
                s.execute("DROP TABLE " + t[1]);
            }
        }
        c.commit();
        return new RawOrders(all.size(), orders, products.size(), seconds);
    }

    /** Ids of the organizations the customers' import made, for the deals to name. */
    static List<String> organizationIds(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ID FROM CT_ORGANIZATION")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** The customers' emails for the orders: those of the workload's people who are no near-duplicate of another. */
    static List<String> customerEmails(Workload workload) {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < workload.people(); i++) {
            Workload.Person p = workload.person(i);
            if (p.duplicateOf() < 0) {
                emails.add(p.primaryEmail().toLowerCase(Locale.ROOT));
            }
        }
        return emails;
    }

    static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
