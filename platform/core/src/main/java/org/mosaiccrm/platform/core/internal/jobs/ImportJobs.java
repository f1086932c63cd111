package org.mosaiccrm.platform.core.internal.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.mosaiccrm.platform.api.csv.CsvReader;
import org.mosaiccrm.platform.api.imports.ImportFile;
import org.mosaiccrm.platform.api.imports.ImportOptions;
import org.mosaiccrm.platform.api.imports.ImportPreview;
import org.mosaiccrm.platform.api.imports.ImportRefusedException;
import org.mosaiccrm.platform.api.imports.ImportRow;
import org.mosaiccrm.platform.api.imports.ImportType;
import org.mosaiccrm.platform.api.imports.Imports;
import org.mosaiccrm.platform.api.imports.RowOutcome;
import org.mosaiccrm.platform.api.jobs.BatchResult;
import org.mosaiccrm.platform.api.jobs.JobProgress;
import org.mosaiccrm.platform.api.jobs.JobRuns;
import org.mosaiccrm.platform.api.jobs.RunStoppedException;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the CSV imports of every registered {@link ImportType} (see {@link Imports}). Runs go one
 * at a time on one worker thread, so a run queued twice (started, then found again when its
 * type is bound) only ever resumes after the other attempt has ended, from its checkpoint.
 *
 * <p>Uploads live in {@code data/imports/<job>.csv} only while their run may still read them:
 * a run that ends (done, failed, cancelled) deletes its file, and what a crash left behind is
 * swept when the service starts. What waits there is capped per user and in total, and a file
 * whose header its type refuses is refused while it uploads, before the rest of it is stored.
 */
@Component(service = {Imports.class, ImportJobs.class})
public class ImportJobs implements Imports {

    /**
     * Rows a batch's transaction holds. 2,000 imported orders' lines 26 % faster than 500 (fewer
     * look-ups, commits and statements per row; 5,000 gained 3 % more, docs/bench/funnel.md) and
     * stays under Derby's lock escalation (5,000 row locks on a table become a table lock, which
     * would hold up every reader of that table until the batch commits).
     */
    static final int BATCH = Integer.getInteger("mosaic.import.batch", 2000);
    /** Rows a preview reads after the header, and the sample values it shows per column. */
    static final int PREVIEW_ROWS = 20;
    static final int PREVIEW_SAMPLES = 3;
    /** The longest header line looked for at the start of an upload. */
    static final int MAX_HEADER_BYTES = 1 << 20;

    /** Bytes of uploads waiting or running that one user, and everyone together, may have stored. */
    record Quota(long perUser, long total) {

        static Quota fromEnvironment(Map<String, String> env) {
            return new Quota(megabytes(env, "MOSAIC_IMPORT_PENDING_PER_USER_MB", 1024), megabytes(env, "MOSAIC_IMPORT_PENDING_TOTAL_MB", 4096));
        }

        private static long megabytes(Map<String, String> env, String name, long fallback) {
            try {
                long mb = Long.parseLong(env.getOrDefault(name, String.valueOf(fallback)).strip());
                return (mb > 0 ? mb : fallback) * 1024 * 1024;
            } catch (NumberFormatException e) {
                return fallback * 1024 * 1024;
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);

    private final Persistence persistence;
    private final AccessControl access;
    private final JobRuns runs;
    private final AuditLog audit;
    private final Path folder;
    private final Quota quota;
    /** Set when the service stops: a run interrupted by it stays running on this node and resumes on the next start. */
    private volatile boolean stopping;
    /** Names this instance's uploads under way ({@code upload-<instance>-…}), which a sweep leaves alone. */
    private final String instance = Long.toString(System.nanoTime(), 36);
    /** The registered types by job kind; a type leaving stops its runs at their next batch. */
    private final Map<String, ImportType> types = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mosaic-import");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public ImportJobs(@Reference Persistence persistence, @Reference AccessControl access, @Reference JobRuns runs,
            @Reference AuditLog audit) {
        this(persistence, access, runs, audit, Path.of(System.getProperty("karaf.data", "data"), "imports"),
                Quota.fromEnvironment(System.getenv()));
    }

    ImportJobs(Persistence persistence, AccessControl access, JobRuns runs, AuditLog audit, Path folder, Quota quota) {
        this.persistence = persistence;
        this.access = access;
        this.runs = runs;
        this.audit = audit;
        this.folder = folder;
        this.quota = quota;
        worker.submit(this::sweep);
    }

    /** A type coming (its module switched on, or this node started): its unfinished runs continue where they stopped. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addType(ImportType type) {
        String kind = ImportType.kind(type.module(), type.name());
        types.put(kind, type);
        worker.submit(() -> runs.unfinished(kind).forEach(id -> run(id, kind)));
    }

    void removeType(ImportType type) {
        types.remove(ImportType.kind(type.module(), type.name()), type);
    }

    @Deactivate
    void deactivate() {
        stopping = true;
        worker.shutdownNow();
    }

    /**
     * Deletes uploads no run will read: those of runs that ended (a crash between the end and the
     * delete), of unknown runs, and half-stored ones of an earlier start (a crash during an upload).
     */
    void sweep() {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                String id = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
                boolean waiting = name.startsWith("upload-") ? name.startsWith("upload-" + instance + "-") : runs.find(id).map(p -> JobProgress.QUEUED.equals(p.state())
                        || JobProgress.RUNNING.equals(p.state())).orElse(false);
                if (!waiting) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // No upload yet.
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not sweep the import folder {}", folder, e);
        }
    }

    /** Cancels a queued or running import: it stops at its next batch, keeping the batches before; its upload goes. */
    public boolean cancel(String id) {
        boolean cancelled = runs.cancel(id);
        if (cancelled) {
            // A queued run never reaches its worker's end; a running one deletes it too (deleting twice is harmless).
            deleteUpload(id);
        }
        return cancelled;
    }

    private void deleteUpload(String id) {
        try {
            Files.deleteIfExists(folder.resolve(id + ".csv"));
        } catch (IOException e) {
            LOG.warn("Could not delete the upload of import {}", id, e);
        }
    }

    @Override
    public Set<String> types(String module) {
        Set<String> names = new TreeSet<>();
        types.values().stream().filter(t -> t.module().equals(module)).forEach(t -> names.add(t.name()));
        return names;
    }

    @Override
    public String start(String module, String type, InputStream body) {
        return start(module, type, body, ImportOptions.NONE);
    }

    /** The type, for a user who may import it: 404 for a module without imports, 400 for an unknown type, 403 without a permission. */
    private ImportType permittedType(String module, String type) {
        Set<String> names = types(module);
        if (names.isEmpty()) {
            throw Problems.notFound("The module " + module + " imports nothing, or is switched off.");
        }
        ImportType importType = type == null ? null : types.get(ImportType.kind(module, type));
        if (importType == null) {
            throw Problems.invalid("type", "must be one of " + names);
        }
        access.currentUser();
        importType.permissions().forEach(access::requirePermission);
        return importType;
    }

    @Override
    public String start(String module, String type, InputStream body, ImportOptions chosen) {
        ImportType importType = permittedType(module, type);
        UserPrincipal user = access.currentUser();
        // Checked now, with the rules of a record created by hand; the run applies what was resolved here.
        ImportOptions options = chosen;
        if (chosen.assigns()) {
            AccessControl.Ownership owner = access.ownership(user, chosen.ownerId(), chosen.teamId());
            options = chosen.owned(owner.ownerId(), owner.teamId());
        }
        String parameters = options.isEmpty() ? null : options.encode();
        if (parameters != null && parameters.length() > JobRuns.MAX_PARAMETERS) {
            throw Problems.invalid("map", "holds more column choices than an import keeps; leave out the columns the header already names");
        }
        String kind = ImportType.kind(module, type);
        try {
            Files.createDirectories(folder);
            long[] pending = pending(user.id());
            if (pending[0] >= quota.perUser()) {
                throw Problems.of(429, "import-quota", "Too many imports waiting", "Your imports still waiting or running hold "
                        + megabytes(pending[0]) + " of the " + megabytes(quota.perUser()) + " one user may have; start this one when"
                        + " they have finished.");
            }
            if (pending[1] >= quota.total()) {
                throw Problems.of(429, "import-quota", "Too many imports waiting", "The imports waiting or running on this server hold "
                        + megabytes(pending[1]) + ", the most it keeps; try again when some have finished.");
            }
            long room = Math.min(MAX_BYTES, Math.min(quota.perUser() - pending[0], quota.total() - pending[1]));
            Path upload = Files.createTempFile(folder, "upload-" + instance + "-", ".csv");
            long size;
            try {
                size = store(body, upload, room, importType, options);
            } catch (RuntimeException e) {
                Files.deleteIfExists(upload);
                throw e;
            }
            if (size == 0) {
                Files.deleteIfExists(upload);
                throw Problems.badRequest("The CSV file is empty.");
            }
            String id = runs.create(kind, user.id(), null, parameters);
            Files.move(upload, folder.resolve(id + ".csv"), StandardCopyOption.ATOMIC_MOVE);
            audit.record(module + ".import.started", "job/" + id, Map.of("type", type));
            worker.submit(() -> run(id, kind));
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("The upload could not be stored", e);
        }
    }

    /** Bytes of uploads of runs still to be read: the user's (by the run's owner) and everyone's. */
    private long[] pending(String userId) throws IOException {
        long mine = 0;
        long all = 0;
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                long size = Files.size(file);
                all += size;
                String name = file.getFileName().toString();
                if (name.endsWith(".csv") && userId.equals(runs.owner(name.substring(0, name.length() - 4)))) {
                    mine += size;
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // A file that ended meanwhile counts for nothing.
        }
        return new long[] {mine, all};
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%,d MB", (bytes + 1024 * 1024 - 1) / (1024 * 1024));
    }

    /**
     * Stores the upload, at most {@code room} bytes (413 beyond). As soon as its first line is in,
     * the header goes to the type: a file whose columns the type refuses, or whose header is not
     * UTF-8 CSV, is refused (400) without storing the rest of it.
     */
    private static long store(InputStream in, Path target, long room, ImportType type, ImportOptions options) throws IOException {
        long total = 0;
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        boolean headerChecked = false;
        try (var out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > room) {
                    throw room == MAX_BYTES ? Problems.payloadTooLarge(MAX_BYTES) : Problems.of(413, "import-quota",
                            "Import too large", "The file is larger than the " + megabytes(room)
                                    + " left for imports waiting on this server; it was not stored.");
                }
                out.write(buffer, 0, n);
                if (!headerChecked) {
                    head.write(buffer, 0, n);
                    headerChecked = checkHeader(head.toByteArray(), type, options, false);
                }
            }
            if (!headerChecked && total > 0) {
                checkHeader(head.toByteArray(), type, options, true);
            }
        }
        return total;
    }

    /**
     * Whether the header is complete in these first bytes of the file (then checked by the type);
     * {@code whole}: they are the whole file.
     */
    private static boolean checkHeader(byte[] start, ImportType type, ImportOptions options, boolean whole) {
        int end = -1;
        for (int i = 0; i < start.length; i++) {
            if (start[i] == '\n' || start[i] == '\r') {
                end = i;
                break;
            }
        }
        if (end < 0 && !whole) {
            if (start.length > MAX_HEADER_BYTES) {
                throw Problems.badRequest("The file has no header line within its first " + megabytes(MAX_HEADER_BYTES) + ".");
            }
            return false;
        }
        byte[] line = java.util.Arrays.copyOf(start, end < 0 ? start.length : end);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            throw Problems.badRequest("The file is not UTF-8 text.");
        }
        List<String> header;
        try (CsvReader csv = new CsvReader(new java.io.StringReader(text), CsvReader.delimiterOf(text))) {
            header = csv.next();
        } catch (CsvReader.CsvException e) {
            // A header with a line break inside quotes: leave it to the run, which reads the whole record.
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (header == null || header.stream().allMatch(String::isBlank)) {
            throw Problems.badRequest("The file has no header row.");
        }
        List<String> given = header.stream().map(String::strip).toList();
        List<String> read = options.header(given);
        List<String> known = type.fields("en").stream().map(org.mosaiccrm.platform.api.csv.CsvField::key).toList();
        for (var mapped : options.mapped().entrySet()) {
            if (!known.isEmpty() && !known.contains(mapped.getValue())) {
                throw Problems.invalid("map", "gives the column " + mapped.getKey() + " the field '" + mapped.getValue()
                        + "', which is none of " + known);
            }
        }
        try {
            type.open(read, ownership(options));
        } catch (ImportRefusedException e) {
            throw Problems.badRequest(e.getMessage());
        }
        return true;
    }

    @Override
    public ImportPreview preview(String module, String type, InputStream body, String language) {
        ImportType importType = permittedType(module, type);
        String start = previewText(body);
        int firstBreak = firstLineEnd(start);
        char delimiter = CsvReader.delimiterOf(start.substring(0, firstBreak));
        List<List<String>> rows = new ArrayList<>();
        // The text is the start of a file: its last line may be cut short, so it is left out unless the text ends with a break.
        boolean complete = start.endsWith("\n") || start.endsWith("\r");
        try (CsvReader csv = new CsvReader(new java.io.StringReader(start), delimiter)) {
            List<String> row;
            while (rows.size() <= PREVIEW_ROWS && (row = next(csv)) != null) {
                rows.add(row);
            }
        } catch (CsvReader.CsvException e) {
            // A quoted field cut short at the end of the slice: the rows before it stand.
            complete = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!complete && rows.size() > 1 && rows.size() <= PREVIEW_ROWS) {
            rows.remove(rows.size() - 1);
        }
        if (rows.isEmpty() || rows.get(0).stream().allMatch(String::isBlank)) {
            throw Problems.badRequest("The file has no header row.");
        }
        List<String> header = rows.get(0).stream().map(String::strip).toList();
        List<String> proposed = importType.match(header);
        List<ImportPreview.Column> columns = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            List<String> samples = new ArrayList<>();
            for (List<String> row : rows.subList(1, Math.min(rows.size(), PREVIEW_ROWS + 1))) {
                String cell = i < row.size() ? row.get(i).strip() : "";
                if (!cell.isEmpty() && samples.size() < PREVIEW_SAMPLES) {
                    samples.add(cell.length() > 200 ? cell.substring(0, 199) + "…" : cell);
                }
            }
            columns.add(new ImportPreview.Column(i + 1, header.get(i), proposed.get(i), samples));
        }
        String lang = org.mosaiccrm.platform.api.csv.Labels.LANGUAGES.contains(language) ? language : "en";
        return new ImportPreview(String.valueOf(delimiter), columns, importType.fields(lang));
    }

    /** The start of a file as text: at most {@link #PREVIEW_BYTES}, cut after its last whole line when there is more. */
    private static String previewText(InputStream body) {
        byte[] bytes;
        boolean more;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(PREVIEW_BYTES);
            more = body != null && body.read() != -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int length = bytes.length;
        if (more) {
            while (length > 0 && bytes[length - 1] != '\n') {
                length--;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw Problems.badRequest("The file is not UTF-8 text.");
        }
    }

    private static int firstLineEnd(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                return i;
            }
        }
        return text.length();
    }

    /** Thrown between batches when the run's type has gone: the run waits for it, queued. */
    private static final class TypeGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TypeGone() {
            super(null, null, false, false);
        }
    }

    private void run(String id, String kind) {
        ImportType type = types.get(kind);
        // Left queued: the type's return resumes it.
        if (type == null) {
            return;
        }
        var position = runs.claim(id);
        if (position.isEmpty()) {
            // Another node has it, or it ended (cancelled while it waited): its upload goes with the end.
            if (runs.find(id).map(p -> !JobProgress.QUEUED.equals(p.state()) && !JobProgress.RUNNING.equals(p.state())).orElse(true)) {
                deleteUpload(id);
            }
            return;
        }
        try {
            UserPrincipal user = access.findUser(runs.owner(id)).orElse(null);
            if (user == null) {
                end(id, JobProgress.FAILED, "The user who started the import is disabled or gone.");
                return;
            }
            Path file = folder.resolve(id + ".csv");
            if (!Files.exists(file)) {
                runs.finish(id, JobProgress.FAILED, "The uploaded file is no longer in the data folder of this node.");
                return;
            }
            ImportOptions options = ImportOptions.decode(runs.parameters(id));
            // As the user who started it: their visibility applies and the audit names them.
            List<String> header = access.runAs(user, () -> process(id, kind, type, user, file, position.get(), options));
            end(id, JobProgress.DONE, skippedMessage(options, header));
        } catch (ImportRefusedException e) {
            end(id, JobProgress.FAILED, e.getMessage());
        } catch (RunStoppedException e) {
            // Cancelled (or taken over) between two batches: the last batch rolled back, the ones before stay.
            if (runs.find(id).map(p -> JobProgress.CANCELLED.equals(p.state())).orElse(false)) {
                deleteUpload(id);
            }
        } catch (Throwable e) {
            if (stopping) {
                // The node is stopping: the run stays running here and resumes from its last checkpoint on the next start.
                return;
            }
            if (types.get(kind) != type) {
                // Its module went while a batch ran: that batch rolled back, the run waits.
                runs.release(id, "Waiting for the module " + type.module() + ", switched off during the import; it resumes when the module is"
                        + " switched on again.");
                return;
            }
            // Anything else ends the run with its reason, an Error too: a run must never stay "running" for ever.
            LOG.error("Import {} failed", id, e);
            Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
            end(id, JobProgress.FAILED, "The import stopped: " + (e instanceof OutOfMemoryError ? "a row was too large to read"
                    : cause.getMessage()));
            if (e instanceof VirtualMachineError vm) {
                throw vm;
            }
        }
    }

    /** Ends the run and deletes its upload: nothing will read it again. */
    private void end(String id, String state, String message) {
        runs.finish(id, state, message);
        deleteUpload(id);
    }

    /** Imports the file from the row after {@code resumeAfter}; answers its header. */
    private List<String> process(String id, String kind, ImportType type, UserPrincipal user, Path file, long resumeAfter,
            ImportOptions options) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (CsvReader csv = reader(new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16))) {
            List<String> header = csv.next();
            if (header == null) {
                throw new ImportRefusedException("The file has no header row.");
            }
            header = header.stream().map(String::strip).toList();
            ImportFile reader = mapped(type, header, options);
            long rowsDone = 0;
            List<List<String>> batch = new ArrayList<>(BATCH);
            List<Long> rowNumbers = new ArrayList<>(BATCH);
            List<String> row;
            while ((row = next(csv)) != null) {
                long rowNumber = csv.recordNumber();
                if (rowsDone++ < resumeAfter) {
                    continue;
                }
                batch.add(row);
                rowNumbers.add(rowNumber);
                if (batch.size() == BATCH) {
                    commitBatch(id, kind, type, reader, user, header.size(), batch, rowNumbers, rowsDone);
                    batch.clear();
                    rowNumbers.clear();
                }
            }
            if (!batch.isEmpty()) {
                commitBatch(id, kind, type, reader, user, header.size(), batch, rowNumbers, rowsDone);
            }
            return header;
        } catch (CharacterCodingException e) {
            throw new ImportRefusedException("The file is not UTF-8 text.");
        } catch (CsvReader.CsvException e) {
            throw new ImportRefusedException("The file is not valid CSV at " + e.getMessage() + ".");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The type's reader of the file as the user mapped it: mapped columns read as their field,
     * skipped ones left out of every row, new records given to the chosen owner and team.
     */
    private static ImportFile mapped(ImportType type, List<String> header, ImportOptions options) {
        if (options.isEmpty()) {
            return type.open(header);
        }
        List<String> read;
        try {
            read = options.header(header);
        } catch (org.mosaiccrm.platform.api.rest.ProblemException e) {
            throw new ImportRefusedException("The columns chosen for this import do not fit the file's header.");
        }
        ImportFile file = type.open(read, ownership(options));
        if (options.skipped().isEmpty()) {
            return file;
        }
        return new ImportFile() {
            @Override
            public ImportRow read(long rowNumber, List<String> cells) {
                return file.read(rowNumber, options.cells(cells));
            }

            @Override
            public List<RowOutcome> write(org.apache.cayenne.ObjectContext ctx, UserPrincipal user, List<ImportRow> rows) {
                return file.write(ctx, user, rows);
            }
        };
    }

    /** The owner and team chosen for the new records (resolved when the import started), or null for the importing user's. */
    private static AccessControl.Ownership ownership(ImportOptions options) {
        return options.assigns() ? new AccessControl.Ownership(options.ownerId(), options.teamId()) : null;
    }

    /** The result's note of the columns the user chose to skip, so that nothing left out goes unsaid; null for none. */
    private static String skippedMessage(ImportOptions options, List<String> header) {
        if (options.skipped().isEmpty()) {
            return null;
        }
        return "Skipped columns, as chosen: " + String.join(", ", options.skippedNames(header).stream().map(n -> "'" + n + "'").toList()) + ".";
    }

    /** A reader of the file with the delimiter its first line uses (comma, semicolon or tab). */
    private static CsvReader reader(BufferedReader in) throws IOException {
        in.mark(MAX_HEADER_BYTES);
        StringBuilder first = new StringBuilder();
        int c;
        while (first.length() < MAX_HEADER_BYTES && (c = in.read()) != -1 && c != '\n' && c != '\r') {
            first.append((char) c);
        }
        in.reset();
        return new CsvReader(in, CsvReader.delimiterOf(first.toString()));
    }

    private static List<String> next(CsvReader csv) throws IOException {
        List<String> row = csv.next();
        // A blank line is no row.
        while (row != null && row.size() == 1 && row.get(0).isBlank()) {
            row = csv.next();
        }
        return row;
    }

    /** Attempts of a batch that lost a deadlock (or a serialization conflict) to another transaction. */
    static final int ATTEMPTS = 3;

    /**
     * Commits a batch; a batch the database rolled back to break a deadlock with another
     * transaction (a background job re-keying the same rows, a user saving one of them) is
     * tried again from its cells, as nothing of it was stored.
     */
    private void commitBatch(String id, String kind, ImportType type, ImportFile reader, UserPrincipal user, int columns,
            List<List<String>> cells, List<Long> numbers, long position) {
        for (int attempt = 1;; attempt++) {
            try {
                commitBatchOnce(id, kind, type, reader, user, columns, cells, numbers, position);
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !transientConflict(e)) {
                    throw e;
                }
                LOG.info("Import {}: the batch after row {} lost a lock conflict and is tried again ({} of {})", id, position, attempt + 1,
                        ATTEMPTS);
            }
        }
    }

    /** A deadlock victim (PostgreSQL 40P01) or a serialization failure (40001, also Derby's deadlock and lock timeout). */
    static boolean transientConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState())
                    || "40XL1".equals(sql.getSQLState()) || "40XL2".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private void commitBatchOnce(String id, String kind, ImportType type, ImportFile reader, UserPrincipal user, int columns,
            List<List<String>> cells, List<Long> numbers, long position) {
        if (types.get(kind) != type) {
            throw new TypeGone();
        }
        // Each row read once, before the batch's transaction, whose look-ups need them all; a
        // row refused here keeps its reason, so the report stays in row order.
        List<ImportRow> rows = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            List<String> row = cells.get(i);
            rows.add(row.size() == columns ? reader.read(numbers.get(i), row)
                    : ImportRow.refused(numbers.get(i), "has " + row.size() + " fields; the header has " + columns));
        }
        List<ImportRow> accepted = rows.stream().filter(r -> !r.isRefused()).toList();
        // A batch creates up to BATCH records (and what they imply: organizations, order lines):
        // inserted in bulk, not one by one through the ORM's change tracking.
        persistence.writeMany(ctx -> {
            List<RowOutcome> outcomes = accepted.isEmpty() ? List.of() : reader.write(ctx, user, accepted);
            if (outcomes.size() != accepted.size()) {
                throw new IllegalStateException("The import type " + kind + " answered " + outcomes.size() + " outcomes for "
                        + accepted.size() + " rows.");
            }
            BatchResult result = new BatchResult();
            int next = 0;
            for (ImportRow row : rows) {
                if (row.isRefused()) {
                    result.failed(row.number(), row.refusal());
                } else {
                    count(outcomes.get(next++), row.number(), result);
                }
            }
            runs.checkpoint(ctx, id, rows.size(), position, result);
            return null;
        });
    }

    private static void count(RowOutcome outcome, long rowNumber, BatchResult result) {
        switch (outcome.kind()) {
            case CREATED -> result.created();
            case UPDATED -> result.updated();
            case SKIPPED -> result.skipped();
            case FAILED -> result.failed(rowNumber, outcome.reason());
        }
    }
}
