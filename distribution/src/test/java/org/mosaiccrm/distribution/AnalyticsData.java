package org.mosaiccrm.distribution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The orders of the analytics benchmark, made inside PostgreSQL from one product, one order and
 * its one line made through the API: {@code orders} copies of the order, each of a customer and
 * a time drawn at random, with 1 to 7 lines of SKUs drawn at random, plus planted bundles; and
 * the products those lines name, copies of the template product. Every column of a template
 * row is copied but the ones that make a row itself (id, number, SKU, customer, time, amounts).
 *
 * <p>Skews, so that the analyses meet data shaped like a shop's: customer {@code ⌊C × u^2⌋} for
 * uniform {@code u} (customer 0 about √(1/C) of all orders, most customers a few), SKU {@code ⌊S ×
 * u^3⌋} (the first in about a quarter of the orders, a long tail). Planted bundles make rules of
 * several items on the antecedent: every 50th order also holds three given SKUs of the tail, and
 * every 200th (offset, so never the same orders) four others. Customer 0 is the template order's
 * person (a real one, for {@code GET /analytics/people/{id}}); the others are ids of no person,
 * which the analyses take as they are. Drawn by {@code random()} after {@code setseed}, in one
 * session: the same plan makes the same orders (row ids apart).
 */
final class AnalyticsData {

    /** The rows made through the API that every copy starts from. */
    record Template(String personId, String productId, String orderId, String lineId) {
    }

    /**
     * What to make: orders ordered in [{@code from}, {@code to}) (UTC, as ORDERED_AT holds them)
     * by {@code customers} ids over {@code skus} products; {@code seed} in [-1, 1].
     */
    record Plan(int orders, int customers, int skus, double seed, LocalDateTime from, LocalDateTime to) {

        Plan {
            if (skus < 100 || skus > 9999) {
                throw new IllegalArgumentException("bench.skus must lie in 100..9999 (SKU-0001…): " + skus);
            }
        }

        /** The bundles' SKU numbers (0-based), in the tail: a few hundred orders each hold one, by plan. */
        List<List<Integer>> bundles() {
            int a = skus * 3 / 4;
            int b = skus * 4 / 5;
            return List.of(List.of(a, a + 1, a + 2), List.of(b, b + 1, b + 2, b + 3));
        }

        static String sku(int index) {
            return String.format(Locale.ROOT, "SKU-%04d", index + 1);
        }
    }

    /** What was made, counted in the database afterwards (the template order included). */
    record Made(long orders, long lines, long customers, long products, long skusOnLines, long heavyOrders, double seconds) {
    }

    static final double CUSTOMER_SKEW = 2;
    static final double SKU_SKEW = 3;
    /** A product's unit price, by its number: 5 to 103 euros. The template product's (number 0) is the first. */
    static final String PRICE = "(5 + (%s %% 50) * 2)::numeric(19, 4)";

    private AnalyticsData() {
    }

    static Made seed(Connection c, Template t, Plan plan) throws SQLException {
        long start = System.nanoTime();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT setseed(" + plan.seed() + ")");
            drawOrders(c, plan);
            drawLines(c, plan);
            s.execute("CREATE TEMP TABLE bench_product ON COMMIT DROP AS SELECT i AS idx, CASE WHEN i = 0 THEN '" + t.productId()
                    + "' ELSE gen_random_uuid()::text END AS id, 'SKU-' || lpad((i + 1)::text, 4, '0') AS sku, "
                    + String.format(Locale.ROOT, PRICE, "i") + " AS price FROM generate_series(0, " + (plan.skus() - 1) + ") i");
            copyProducts(c, t);
            copyOrders(c, t);
            copyLines(c, t);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        try (Statement s = c.createStatement()) {
            // What autovacuum would do after this many inserts, now rather than during a measurement.
            for (String table : List.of("FN_PRODUCT", "FN_ORDER", "FN_ORDER_LINE")) {
                s.execute("VACUUM (ANALYZE) " + table);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Made(count(c, "SELECT COUNT(*) FROM FN_ORDER"), count(c, "SELECT COUNT(*) FROM FN_ORDER_LINE"),
                count(c, "SELECT COUNT(DISTINCT COALESCE(PERSON_ID, ORGANIZATION_ID)) FROM FN_ORDER"), count(c, "SELECT COUNT(*) FROM FN_PRODUCT"),
                count(c, "SELECT COUNT(DISTINCT SKU) FROM FN_ORDER_LINE"),
                count(c, "SELECT COUNT(*) FROM FN_ORDER WHERE PERSON_ID = '" + t.personId() + "'"), seconds);
    }

    /** One row an order: its number g, id, customer, time and how many lines it draws. */
    private static void drawOrders(Connection c, Plan plan) throws SQLException {
        long span = Duration.between(plan.from(), plan.to()).toSeconds();
        try (PreparedStatement s = c.prepareStatement("CREATE TEMP TABLE bench_order ON COMMIT DROP AS SELECT g,"
                + " gen_random_uuid()::text AS id, floor(? * power(random(), ?))::int AS customer,"
                + " ?::timestamp - (1 + floor(random() * ?)) * INTERVAL '1 second' AS ordered_at, 1 + floor(random() * 7)::int AS lines"
                + " FROM generate_series(1, ?) g ORDER BY g")) {
            s.setInt(1, plan.customers());
            s.setDouble(2, CUSTOMER_SKEW);
            s.setTimestamp(3, Timestamp.valueOf(plan.to()));
            s.setLong(4, span);
            s.setInt(5, plan.orders());
            s.execute();
        }
    }

    /** The lines: drawn SKUs at positions 0…lines-1, then the planted bundles after them. */
    private static void drawLines(Connection c, Plan plan) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE bench_line ON COMMIT DROP AS SELECT o.id AS order_id, p AS position,"
                    + " floor(" + plan.skus() + " * power(random(), " + SKU_SKEW + "))::int AS sku, 1 + floor(random() * 5)::int AS quantity"
                    + " FROM bench_order o CROSS JOIN LATERAL generate_series(0, o.lines - 1) p ORDER BY o.g, p");
            List<List<Integer>> bundles = plan.bundles();
            plant(s, bundles.get(0), "o.g % 50 = 0");
            plant(s, bundles.get(1), "o.g % 200 = 25");
        }
    }

    private static void plant(Statement s, List<Integer> skus, String which) throws SQLException {
        StringJoiner values = new StringJoiner(", ");
        for (int k = 0; k < skus.size(); k++) {
            values.add("(" + k + ", " + skus.get(k) + ")");
        }
        s.execute("INSERT INTO bench_line SELECT o.id, o.lines + b.k, b.sku, 1 FROM bench_order o, (VALUES " + values + ") b(k, sku)"
                + " WHERE " + which);
    }

    private static void copyProducts(Connection c, Template t) throws SQLException {
        copy(c, "fn_product", Map.of("id", "p.id", "sku", "p.sku", "sku_key", "upper(p.sku)", "name", "'Bench product ' || p.sku",
                "name_key", "lower('Bench product ' || p.sku)", "prices", "'{\"EUR\":\"' || p.price::text || '\"}'"),
                "bench_product p WHERE p.idx > 0 AND t.id = ?", t.productId());
    }

    /** Each order's total is the sum of its lines' (quantity × unit price, no discount). */
    private static void copyOrders(Connection c, Template t) throws SQLException {
        copy(c, "fn_order", Map.of("id", "o.id", "number", "'BENCH-' || lpad(o.g::text, 7, '0')", "number_key",
                "'BENCH-' || lpad(o.g::text, 7, '0')", "person_id", "CASE WHEN o.customer = 0 THEN '" + t.personId()
                        + "' ELSE md5('bench-customer-' || o.customer)::uuid::text END",
                "ordered_at", "o.ordered_at", "created_at", "o.ordered_at", "updated_at", "o.ordered_at", "total", "s.total"),
                "bench_order o JOIN (SELECT l.order_id, SUM(l.quantity * p.price) AS total FROM bench_line l"
                        + " JOIN bench_product p ON p.idx = l.sku GROUP BY l.order_id) s ON s.order_id = o.id WHERE t.id = ?",
                t.orderId());
    }

    private static void copyLines(Connection c, Template t) throws SQLException {
        copy(c, "fn_order_line", Map.of("id", "gen_random_uuid()::text", "order_id", "l.order_id", "position", "l.position",
                "product_id", "p.id", "sku", "p.sku", "quantity", "l.quantity", "unit_price", "p.price", "discount", "NULL"),
                "bench_line l JOIN bench_product p ON p.idx = l.sku WHERE t.id = ?", t.lineId());
    }

    /**
     * {@code INSERT INTO table (every column) SELECT …} from the template row {@code t} and the
     * rows of {@code from}: a column's expression from {@code values}, else the template's.
     */
    private static void copy(Connection c, String table, Map<String, String> values, String from, String templateId) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet r = c.getMetaData().getColumns(null, null, table, null)) {
            while (r.next()) {
                columns.add(r.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        if (!columns.containsAll(values.keySet())) {
            throw new IllegalStateException(table + " lacks columns the benchmark fills: " + values.keySet() + " vs " + columns);
        }
        StringJoiner names = new StringJoiner(", ");
        StringJoiner exprs = new StringJoiner(", ");
        for (String col : columns) {
            names.add(col);
            exprs.add(values.getOrDefault(col, "t." + col));
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (" + names + ") SELECT " + exprs + " FROM " + table + " t, "
                + from)) {
            s.setString(1, templateId);
            int rows = s.executeUpdate();
            Bench.log("%s: %,d rows copied", table, rows);
        }
    }

    /** The one text a query answers (the first column of its first row). */
    static String one(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("no row: " + sql + " with " + parameter);
                }
                return r.getString(1);
            }
        }
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
