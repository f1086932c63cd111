package org.mosaiccrm.platform.core.internal.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.Expression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaiccrm.platform.api.imports.ImportFile;
import org.mosaiccrm.platform.api.imports.ImportOptions;
import org.mosaiccrm.platform.api.imports.ImportRefusedException;
import org.mosaiccrm.platform.api.imports.ImportRow;
import org.mosaiccrm.platform.api.imports.ImportType;
import org.mosaiccrm.platform.api.imports.RowOutcome;
import org.mosaiccrm.platform.api.jobs.JobProgress;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.rest.ProblemException;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.mosaiccrm.platform.persistence.internal.Contribution;
import org.mosaiccrm.platform.persistence.internal.DatabaseSettings;
import org.mosaiccrm.platform.persistence.internal.PersistenceEngine;

/**
 * The import job over a fake import type whose rows go into a table of their own, in the
 * batch's transaction: what is in the table is what was committed.
 */
class ImportJobsTest {

    private static final UserPrincipal IMPORTER = new UserPrincipal("u1", "importer", "t1", Set.of(), Set.of("items.import"));
    private static final UserPrincipal READER = new UserPrincipal("u2", "reader", "t1", Set.of(), Set.of());

    @TempDir
    Path data;

    private PersistenceEngine engine;
    private JobRunsImpl runs;
    private final List<String> audited = new CopyOnWriteArrayList<>();
    private final FakeAccess access = new FakeAccess();
    private ImportJobs jobs;

    @BeforeEach
    void start() throws Exception {
        System.setProperty("karaf.data", data.toString());
        engine = new PersistenceEngine(DatabaseSettings.of("jdbc:derby:memory:" + UUID.randomUUID() + ";create=true", null, null),
                events -> { }, () -> null);
        engine.add(new Contribution(new CoreData(), getClass().getClassLoader()));
        engine.write(ctx -> Sql.exec(ctx, "CREATE TABLE T_ITEM (ROW_NO BIGINT NOT NULL PRIMARY KEY, NAME VARCHAR(100) NOT NULL)"));
        runs = new JobRunsImpl();
        Field persistence = JobRunsImpl.class.getDeclaredField("persistence");
        persistence.setAccessible(true);
        persistence.set(runs, engine);
        runs.activate();
        jobs = newJobs();
    }

    private ImportJobs newJobs() {
        return newJobs(new ImportJobs.Quota(1L << 30, 4L << 30));
    }

    private ImportJobs newJobs(ImportJobs.Quota quota) {
        return new ImportJobs(engine, access, runs, (action, target, detail) -> audited.add(action + " " + target), data.resolve("imports"),
                quota);
    }

    @AfterEach
    void stop() {
        jobs.deactivate();
        engine.close();
        System.clearProperty("karaf.data");
    }

    @Test
    void rowsGoInBatchesWithEachRowsOutcomeAndRefusalsInRowOrder() throws Exception {
        Items items = new Items();
        jobs.addType(items);
        StringBuilder csv = new StringBuilder("\uFEFF name , note\r\n");
        for (int i = 0; i < 1203; i++) {
            // Row numbers count the header as row 1: item i is row i + 2.
            csv.append(switch (i) {
                case 3 -> "short row\r\n";
                case 4 -> "bad,refused by read\r\n";
                case 5 -> "fail,refused by write\r\n";
                case 6 -> "same,matches unchanged\r\n";
                case 7 -> "upd,matches changed\r\n";
                case 8 -> "\r\n";
                default -> "item" + i + ",x\r\n";
            });
        }
        JobProgress done = await(jobs.start("items", "things", body(csv.toString())), JobProgress.DONE);

        assertEquals(1202, done.processed(), "a blank line is no row");
        assertEquals(1197, done.created());
        assertEquals(1, done.updated());
        assertEquals(1, done.skipped());
        assertEquals(3, done.failed());
        assertEquals(List.of(new JobProgress.RowError(5, "has 1 fields; the header has 2"), new JobProgress.RowError(6, "name: is bad"),
                new JobProgress.RowError(7, "name: fails")), done.errors());
        assertEquals(List.of(498, 500, 202), items.batchSizes, "refused rows never reach the batch");
        assertEquals(1197, count());
        assertTrue(audited.contains("items.import.started job/" + done.id()));
        assertEquals("items.import.things", done.kind());
        assertTrue(Files.notExists(data.resolve("imports").resolve(done.id() + ".csv")), "the upload goes when the job is done");
    }

    @Test
    void aBatchThatLostADeadlockIsTriedAgainAndEveryRowGoesInOnce() throws Exception {
        Items items = new Items();
        items.deadlockAtBatch = 2;
        allOnce(start1800(items));
        assertEquals(List.of(500, 500, 500, 500, 300), items.batchSizes, "the second batch twice: rolled back, then committed");
    }

    @Test
    void aRunThatFailsMidFileKeepsItsCommittedBatchesAndItsUploadGoes() throws Exception {
        Items items = new Items();
        items.throwAtBatch = 3;
        String id = start1800(items);
        JobProgress stopped = await(id, JobProgress.FAILED);
        assertEquals(1000, stopped.processed(), "two batches committed");
        assertEquals(1000, count(), "the third batch rolled back with its checkpoint");
        assertTrue(stopped.message().contains("the node went down"), stopped.message());
        assertEquals(List.of(), uploads(), "a failed run's upload is deleted");
    }

    @Test
    void aRunStoppedWithItsNodeResumesAfterItsLastCheckpointWithNoRowTwice() throws Exception {
        Items items = new Items();
        items.blockAtBatch = 3;
        String id = start1800(items);
        items.blocked.await();
        // The node stops while the third batch runs: its transaction rolls back, the run stays this node's.
        jobs.deactivate();
        JobProgress stopped = await(id, p -> p.processed() == 1000 && JobProgress.RUNNING.equals(p.state()));
        assertEquals(1000, count(), "the third batch rolled back with its checkpoint");
        assertEquals(List.of(id + ".csv"), uploads(), "the upload waits for the run to resume");

        jobs = newJobs();
        items.blockAtBatch = 0;
        jobs.addType(items);
        allOnce(id);
        assertEquals(List.of(500, 500, 500, 500, 300), items.batchSizes, "the resumed run started with the third batch again");
        assertEquals(null, stopped.message());
    }

    @Test
    void aCancelledRunStopsAtItsNextBatchKeepsWhatCommittedAndItsUploadGoes() throws Exception {
        Items items = new Items();
        items.blockAtBatch = 2;
        String id = start1800(items);
        items.blocked.await();
        assertTrue(jobs.cancel(id));
        items.release.countDown();
        JobProgress cancelled = await(id, p -> JobProgress.CANCELLED.equals(p.state()) && uploads().isEmpty());
        assertEquals(500, cancelled.processed(), "the batch under way when it was cancelled rolled back");
        assertEquals(500, count());
        assertFalse(jobs.cancel(id), "an ended run cannot be cancelled again");
        Thread.sleep(300);
        assertEquals(JobProgress.CANCELLED, runs.find(id).orElseThrow().state(), "nothing overwrites the cancel");
    }

    @Test
    void uploadsWaitingArePerUserAndOverallCappedAndAWholeFileCountsAgainstWhatIsLeft() throws Exception {
        jobs.deactivate();
        // The first file is 1,505 bytes and the second 493: together exactly one user's share.
        jobs = newJobs(new ImportJobs.Quota(1_998, 3_000));
        Items items = new Items();
        items.blockAtBatch = 1;
        jobs.addType(items);
        String first = jobs.start("items", "things", body("name\n" + "item\n".repeat(300)));
        items.blocked.await();
        ProblemException tooBig = assertThrows(ProblemException.class,
                () -> jobs.start("items", "things", body("name\n" + "x".repeat(100) + "\n" + "item\n".repeat(400))));
        assertEquals(413, tooBig.status(), "what is left of the user's share is less than this file");
        assertEquals(List.of(first + ".csv"), uploads(), "the refused file was not kept");
        // Exactly what is left (its rows are refused when read, so they never meet the first file's in T_ITEM).
        String second = jobs.start("items", "things", body("name\n" + "bad\n".repeat(122)));
        ProblemException full = assertThrows(ProblemException.class, () -> jobs.start("items", "things", body("name\nz\n")));
        assertEquals(429, full.status(), full.getMessage());
        items.blockAtBatch = 0;
        items.release.countDown();
        await(first, JobProgress.DONE);
        await(second, JobProgress.DONE);
        assertEquals(List.of(), uploads());
    }

    @Test
    void whatACrashLeftInTheFolderIsSweptOnStart() throws Exception {
        Path folder = data.resolve("imports");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("upload-123.csv"), "half an upload");
        Files.writeString(folder.resolve("0190aaaa-0000-7000-8000-000000000000.csv"), "a run nobody knows");
        jobs.deactivate();
        jobs = newJobs();
        for (int i = 0; i < 100 && !uploads().isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), uploads());
    }

    @Test
    void aRunWhoseTypeGoesWaitsQueuedAndResumesWhenTheTypeIsBack() throws Exception {
        Items items = new Items();
        items.leaveAtBatch = 2;
        String id = start1800(items);
        JobProgress waiting = await(id, p -> p.state().equals(JobProgress.QUEUED) && p.message() != null);
        assertEquals(1000, waiting.processed(), "the batch that was running when the type left committed");
        assertTrue(waiting.message().contains("switched off"), waiting.message());
        assertEquals(Set.of(), jobs.types("items"));
        assertEquals(404, assertThrows(ProblemException.class, () -> jobs.start("items", "things", body("name\r\na\r\n"))).status());

        items.leaveAtBatch = 0;
        jobs.addType(items);
        assertEquals(null, allOnce(id).message());
    }

    @Test
    void aHeaderTheTypeRefusesIsRefusedWhileUploadingAndNothingIsStored() throws Exception {
        jobs.addType(new Items());
        ProblemException unknown = assertThrows(ProblemException.class,
                () -> jobs.start("items", "things", new ByteArrayInputStream(("name,colour\r\n" + "a,b\r\n".repeat(100_000))
                        .getBytes(StandardCharsets.UTF_8))));
        assertEquals(400, unknown.status());
        assertTrue(unknown.getMessage().contains("Unknown columns [colour]."), unknown.getMessage());
        byte[] latin1 = "nameé\r\nCafé\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(400, assertThrows(ProblemException.class, () -> jobs.start("items", "things", new ByteArrayInputStream(latin1)))
                .status());
        assertEquals(400, assertThrows(ProblemException.class, () -> jobs.start("items", "things", body("\r\na\r\n"))).status(),
                "no header");
        assertEquals(List.of(), uploads(), "nothing of a refused file stays on disk");
        assertEquals(0, runs.unfinished("items.things").size(), "and no job was made");
    }

    @Test
    void aFileThatGoesBadAfterItsHeaderFailsAsAWholeWithTheReasonAndItsUploadGoes() throws Exception {
        jobs.addType(new Items());
        byte[] latin1 = "name\r\nCafé\r\n".getBytes(StandardCharsets.ISO_8859_1);
        JobProgress notUtf8 = await(jobs.start("items", "things", new ByteArrayInputStream(latin1)), JobProgress.FAILED);
        assertEquals("The file is not UTF-8 text.", notUtf8.message());
        JobProgress notCsv = await(jobs.start("items", "things", body("name\r\n\"open\r\n")), JobProgress.FAILED);
        assertTrue(notCsv.message().startsWith("The file is not valid CSV at "), notCsv.message());
        JobProgress wide = await(jobs.start("items", "things", body("name\r\n" + "a,".repeat(5000) + "\r\n")), JobProgress.FAILED);
        assertTrue(wide.message().contains("more than 1000 fields"), wide.message());
        assertEquals(0, count());
        assertEquals(List.of(), uploads());
    }

    @Test
    void startingNeedsAKnownTypeItsPermissionsAndABody() {
        jobs.addType(new Items());
        assertEquals(404, assertThrows(ProblemException.class, () -> jobs.start("other", "things", body("a\r\n"))).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> jobs.start("items", "widgets", body("a\r\n"))).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> jobs.start("items", "things", body(""))).status());
        access.user = READER;
        assertEquals(403, assertThrows(ProblemException.class, () -> jobs.start("items", "things", body("a\r\n"))).status());
        assertEquals(Set.of("things"), jobs.types("items"));
    }

    /** Registers the type and starts an import of 1800 items: three batches and a short one. */
    @Test
    void aMappedRunReadsTheFileAsChosenAlsoWhenItResumesAndNamesTheSkippedColumns() throws Exception {
        Items items = new Items();
        items.leaveAtBatch = 2;
        jobs.addType(items);
        StringBuilder csv = new StringBuilder("Notes;Title\n");
        for (int i = 0; i < 1800; i++) {
            csv.append("remark ").append(i).append(";item").append(i).append('\n');
        }
        ImportOptions options = ImportOptions.of(List.of("2:name"), List.of("1"), null, null);
        assertEquals(400, assertThrows(ProblemException.class, () -> jobs.start("items", "things", body(csv.toString()))).status(),
                "without the choices the columns are unknown");
        assertEquals(400, assertThrows(ProblemException.class, () -> jobs.start("items", "things", body(csv.toString()),
                ImportOptions.of(List.of("3:name"), List.of(), null, null))).status(), "a column beyond the header");
        String id = jobs.start("items", "things", body(csv.toString()), options);
        await(id, p -> p.state().equals(JobProgress.QUEUED) && p.message() != null);

        items.leaveAtBatch = 0;
        jobs.addType(items);
        JobProgress done = allOnce(id);
        assertEquals("Skipped columns, as chosen: 'Notes'.", done.message());
        assertEquals(List.of("item0", "item1799"), engine.read(ctx -> Sql.rows(ctx, "SELECT NAME FROM T_ITEM WHERE ROW_NO IN (2, 1801)"
                + " ORDER BY ROW_NO")).stream().map(r -> Sql.str(r, "NAME")).toList(), "the resumed run read the second column as the name");
    }

    private String start1800(Items items) {
        jobs.addType(items);
        StringBuilder csv = new StringBuilder("name\n");
        for (int i = 0; i < 1800; i++) {
            csv.append("item").append(i).append('\n');
        }
        return jobs.start("items", "things", body(csv.toString()));
    }

    /** Waits for the end of an import of 1800 items and checks that every one went in once. */
    private JobProgress allOnce(String id) throws InterruptedException {
        JobProgress done = await(id, JobProgress.DONE);
        assertEquals(1800, done.processed());
        assertEquals(1800, done.created());
        assertEquals(1800, count(), "every row once");
        return done;
    }

    /** The files in the upload folder, sorted. */
    private List<String> uploads() {
        Path folder = data.resolve("imports");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static InputStream body(String csv) {
        return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
    }

    private long count() {
        return engine.read(ctx -> Sql.count(ctx, "SELECT COUNT(*) FROM T_ITEM"));
    }

    private JobProgress await(String id, String state) throws InterruptedException {
        return await(id, p -> p.state().equals(state));
    }

    private JobProgress await(String id, Predicate<JobProgress> reached) throws InterruptedException {
        JobProgress p = null;
        for (int i = 0; i < 600; i++) {
            p = runs.find(id).orElseThrow();
            if (reached.test(p)) {
                return p;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the job did not get there: " + p);
    }

    /**
     * Items of a module "items": a row's name goes into T_ITEM; "bad" is refused when read,
     * "fail" when written, "same" and "upd" match an item unchanged and changed.
     */
    private final class Items implements ImportType {

        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        volatile int throwAtBatch;
        /** The batch whose first attempt ends as a deadlock victim would (after its rows were written). */
        volatile int deadlockAtBatch;
        volatile int leaveAtBatch;
        /** The batch that waits for {@link #release} (or for its thread to be interrupted), saying so through {@link #blocked}. */
        volatile int blockAtBatch;
        final java.util.concurrent.CountDownLatch blocked = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

        @Override
        public String name() {
            return "things";
        }

        @Override
        public String module() {
            return "items";
        }

        @Override
        public List<String> permissions() {
            return List.of("items.import");
        }

        @Override
        public ImportFile open(List<String> header) {
            List<String> unknown = header.stream().filter(h -> !Set.of("name", "note").contains(h)).toList();
            if (!unknown.isEmpty()) {
                throw new ImportRefusedException("Unknown columns " + unknown + ".");
            }
            return new ImportFile() {
                @Override
                public ImportRow read(long rowNumber, List<String> cells) {
                    return cells.get(0).equals("bad") ? ImportRow.refused(rowNumber, "name: is bad")
                            : ImportRow.of(rowNumber, Map.of("name", cells.get(0)));
                }

                @Override
                public List<RowOutcome> write(ObjectContext ctx, UserPrincipal user, List<ImportRow> rows) {
                    assertEquals(IMPORTER, user);
                    List<RowOutcome> outcomes = new ArrayList<>();
                    for (ImportRow row : rows) {
                        String name = (String) row.fields().get("name");
                        outcomes.add(switch (name) {
                            case "fail" -> RowOutcome.failed("name: fails");
                            case "same" -> RowOutcome.skipped();
                            case "upd" -> RowOutcome.updated();
                            default -> {
                                Sql.exec(ctx, "INSERT INTO T_ITEM (ROW_NO, NAME) VALUES (?, ?)", row.number(), name);
                                yield RowOutcome.created();
                            }
                        });
                    }
                    batchSizes.add(rows.size());
                    if (batchSizes.size() == blockAtBatch) {
                        blocked.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("the node is stopping", e);
                        }
                    }
                    if (batchSizes.size() == throwAtBatch) {
                        throw new IllegalStateException("the node went down");
                    }
                    if (batchSizes.size() == deadlockAtBatch) {
                        throw new org.apache.cayenne.CayenneRuntimeException("Commit Exception",
                                new java.sql.SQLException("deadlock detected", "40P01"));
                    }
                    if (batchSizes.size() == leaveAtBatch) {
                        jobs.removeType(Items.this);
                    }
                    return outcomes;
                }
            };
        }
    }

    /** One signed-in user (the importer, unless a test changes it); every user may see every record. */
    private static final class FakeAccess implements AccessControl {

        volatile UserPrincipal user = IMPORTER;

        @Override
        public Optional<UserPrincipal> findUser(String userId) {
            return Optional.of(IMPORTER).filter(u -> u.id().equals(userId));
        }

        @Override
        public Optional<String> mailAddress(String userId) {
            return Optional.empty();
        }

        @Override
        public Optional<UserPrincipal> findCurrentUser() {
            return Optional.of(user);
        }

        @Override
        public <T> T runAs(UserPrincipal as, Supplier<T> work) {
            return work.get();
        }

        @Override
        public UserPrincipal currentUser() {
            return user;
        }

        @Override
        public UserPrincipal requirePermission(String permission) {
            if (!user.hasPermission(permission)) {
                throw Problems.forbidden("Needs " + permission + ".");
            }
            return user;
        }

        @Override
        public UserPrincipal requireAdmin() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Expression visibleRecords(UserPrincipal u) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.List<Expression> visibleRecordParts(UserPrincipal u) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean canAccess(UserPrincipal u, MosaicRecord record) {
            return true;
        }

        @Override
        public <R extends MosaicRecord> R requireAccess(UserPrincipal u, R record, String what) {
            return record;
        }

        @Override
        public void assignOwnership(UserPrincipal u, MosaicRecord record, String ownerId, String teamId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Ownership ownership(UserPrincipal u, String ownerId, String teamId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean canAssignTo(UserPrincipal u, String assigneeId) {
            return true;
        }

        @Override
        public List<String> teamMembers(String teamId) {
            return List.of();
        }
    }
}
