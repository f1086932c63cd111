package org.mosaiccrm.distribution;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.testing.Workload;

/**
 * The "physical limit" of an import: the same people, as the rows the contacts module would
 * store for them, written with plain JDBC batches of {@value #COMMIT_ROWS} rows a commit into
 * empty copies of the contacts tables (same columns, primary key and indexes) in the same
 * database. Organizations are inserted the first time a person names them, as the import does.
 * Rows are generated on a second thread so that the figure is the database's, not the generator's.
 */
final class RawJdbcBaseline {

    static final int COMMIT_ROWS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TABLES = {"CT_ORGANIZATION", "CT_PERSON"};

    private RawJdbcBaseline() {
    }

    /** What one run inserted and how long it took. */
    record Result(long people, long organizations, double seconds) {
        double rowsPerSecond() {
            return people / seconds;
        }
    }

    static Result run(String url, String user, String password, Workload workload) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            for (String table : TABLES) {
                copyTable(c, table, "BENCH_" + table.substring(3));
            }
            c.commit();
            Result result = insert(c, workload);
            if (isPostgres(c)) {
                // A shared server keeps no copies; Derby's copies go with the benchmark's data folder.
                try (Statement s = c.createStatement()) {
                    for (String table : TABLES) {
                        s.execute("DROP TABLE " + "BENCH_" + table.substring(3));
                    }
                }
                c.commit();
            }
            return result;
        }
    }

    static boolean isPostgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    /** An empty copy of a table with its columns, NOT NULL constraints, primary key and indexes. */
    static void copyTable(Connection c, String table, String copy) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String stored = meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
        try (Statement s = c.createStatement()) {
            if (isPostgres(c)) {
                s.execute("DROP TABLE IF EXISTS " + copy);
                s.execute("CREATE TABLE " + copy + " (LIKE " + table + " INCLUDING ALL)");
                return;
            }
            s.execute("CREATE TABLE " + copy + " AS SELECT * FROM " + table + " WITH NO DATA");
            List<String> notNull = new ArrayList<>();
            try (ResultSet cols = meta.getColumns(null, null, stored, null)) {
                while (cols.next()) {
                    if (cols.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls) {
                        notNull.add(cols.getString("COLUMN_NAME"));
                    }
                }
            }
            for (String column : notNull) {
                s.execute("ALTER TABLE " + copy + " ALTER COLUMN " + column + " NOT NULL");
            }
            List<String> key = new ArrayList<>();
            try (ResultSet pk = meta.getPrimaryKeys(null, null, stored)) {
                while (pk.next()) {
                    key.add(pk.getString("COLUMN_NAME"));
                }
            }
            s.execute("ALTER TABLE " + copy + " ADD PRIMARY KEY (" + String.join(", ", key) + ")");
            Map<String, List<String>> indexes = new LinkedHashMap<>();
            try (ResultSet ix = meta.getIndexInfo(null, null, stored, false, false)) {
                while (ix.next()) {
                    String name = ix.getString("INDEX_NAME");
                    // Indexes the database made itself back constraints (the primary key above).
                    if (name != null && !name.startsWith("SQL")) {
                        indexes.computeIfAbsent(name, n -> new ArrayList<>()).add(ix.getString("COLUMN_NAME"));
                    }
                }
            }
            for (Map.Entry<String, List<String>> ix : indexes.entrySet()) {
                s.execute("CREATE INDEX BENCH_" + ix.getKey() + " ON " + copy + " (" + String.join(", ", ix.getValue()) + ")");
            }
        }
    }

    private record Row(Workload.Person person, Workload.Organization newOrganization, int owner) {
    }

    private static final List<Row> END = List.of();

    private static Result insert(Connection c, Workload workload) throws Exception {
        BlockingQueue<List<Row>> queue = new ArrayBlockingQueue<>(8);
        Thread producer = new Thread(() -> produce(workload, queue), "bench-rows");
        producer.setDaemon(true);
        String[] userIds = new String[Workload.USERS];
        String[] teamIds = new String[Workload.TEAMS];
        for (int u = 0; u < userIds.length; u++) {
            userIds[u] = UUID.nameUUIDFromBytes(("user" + u).getBytes()).toString();
        }
        for (int t = 0; t < teamIds.length; t++) {
            teamIds[t] = UUID.nameUUIDFromBytes(("team" + t).getBytes()).toString();
        }
        String[] organizationIds = new String[workload.organizations()];
        long people = 0;
        long organizations = 0;
        long start = System.nanoTime();
        producer.start();
        try (PreparedStatement org = c.prepareStatement("INSERT INTO BENCH_ORGANIZATION (ID, VERSION, CREATED_AT, UPDATED_AT, OWNER_ID, "
                + "TEAM_ID, NAME, NAME_KEY, DOMAIN) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement person = c.prepareStatement("INSERT INTO BENCH_PERSON (ID, VERSION, CREATED_AT, UPDATED_AT, OWNER_ID, "
                        + "TEAM_ID, FIRST_NAME, LAST_NAME, ORGANIZATION_ID, EMAILS, PRIMARY_EMAIL, PHONES, TAGS, EMAIL_CONSENT, SEARCH_TEXT, "
                        + "DEDUPE_KEY) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?)")) {
            for (List<Row> batch = queue.take(); batch != END; batch = queue.take()) {
                Timestamp now = new Timestamp(System.currentTimeMillis());
                boolean orgs = false;
                for (Row row : batch) {
                    String owner = userIds[row.owner()];
                    String team = teamIds[Workload.team(row.owner())];
                    Workload.Person p = row.person();
                    if (row.newOrganization() != null) {
                        Workload.Organization o = row.newOrganization();
                        String id = RecordIds.newId();
                        organizationIds[o.index()] = id;
                        org.setString(1, id);
                        org.setTimestamp(2, now);
                        org.setTimestamp(3, now);
                        org.setString(4, owner);
                        org.setString(5, team);
                        org.setString(6, o.name());
                        org.setString(7, o.name().toLowerCase(Locale.ROOT));
                        org.setNull(8, Types.VARCHAR);
                        org.addBatch();
                        organizations++;
                        orgs = true;
                    }
                    String organizationId = organizationIds[p.organization()];
                    person.setString(1, RecordIds.newId());
                    person.setTimestamp(2, now);
                    person.setTimestamp(3, now);
                    person.setString(4, owner);
                    person.setString(5, team);
                    person.setString(6, p.firstName());
                    person.setString(7, p.lastName());
                    person.setString(8, organizationId);
                    person.setString(9, labelled(p.emails(), "address"));
                    person.setString(10, p.primaryEmail().toLowerCase(Locale.ROOT));
                    person.setString(11, p.phones().isEmpty() ? null : labelled(p.phones(), "number"));
                    person.setString(12, p.tags().isEmpty() ? null : JSON.writeValueAsString(p.tags()));
                    person.setString(13, searchText(p));
                    person.setString(14, dedupeKey(p, organizationId));
                    person.addBatch();
                    people++;
                }
                if (orgs) {
                    org.executeBatch();
                }
                person.executeBatch();
                c.commit();
            }
        }
        return new Result(people, organizations, (System.nanoTime() - start) / 1e9);
    }

    private static void produce(Workload workload, BlockingQueue<List<Row>> queue) {
        try {
            BitSet seen = new BitSet(workload.organizations());
            List<Row> batch = new ArrayList<>(COMMIT_ROWS);
            for (int i = 0; i < workload.people(); i++) {
                Workload.Person p = workload.person(i);
                Workload.Organization o = null;
                if (!seen.get(p.organization())) {
                    seen.set(p.organization());
                    o = workload.organization(p.organization());
                }
                batch.add(new Row(p, o, workload.owner(i)));
                if (batch.size() == COMMIT_ROWS) {
                    queue.put(batch);
                    batch = new ArrayList<>(COMMIT_ROWS);
                }
            }
            if (!batch.isEmpty()) {
                queue.put(batch);
            }
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The JSON the contacts module stores for emails and phones: [{"address": …, "label": null}]. */
    private static String labelled(List<String> values, String key) throws Exception {
        List<Map<String, String>> out = new ArrayList<>(values.size());
        for (String v : values) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put(key, v);
            entry.put("label", null);
            out.add(entry);
        }
        return JSON.writeValueAsString(out);
    }

    /** The derived columns as the contacts module keeps them: names and emails for search, name + organization for dedup. */
    private static String searchText(Workload.Person p) {
        String text = (p.firstName() + " " + p.lastName() + " " + String.join(" ", p.emails())).toLowerCase(Locale.ROOT);
        return text.length() > 1200 ? text.substring(0, 1200) : text;
    }

    private static String dedupeKey(Workload.Person p, String organizationId) {
        String key = p.firstName().toLowerCase(Locale.ROOT) + "|" + p.lastName().toLowerCase(Locale.ROOT) + "|" + organizationId;
        return key.length() > 520 ? key.substring(0, 520) : key;
    }
}
