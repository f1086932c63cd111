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
import org.mosaiccrm.platform.api.imports.ImportRefusedException;
import org.mosaiccrm.platform.api.imports.ImportRow;
import org.mosaiccrm.platform.api.imports.ImportType;
import org.mosaiccrm.platform.api.imports.Imports;
import org.mosaiccrm.platform.api.imports.RowOutcome;
import org.mosaiccrm.platform.api.jobs.BatchResult;
import org.mosaiccrm.platform.api.jobs.JobProgress;
import org.mosaiccrm.platform.api.jobs.JobRuns;
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
 */
@Component(service = Imports.class)
public class ImportJobs implements Imports {

    static final int BATCH = 500;

    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);

    private final Persistence persistence;
    private final AccessControl access;
    private final JobRuns runs;
    private final AuditLog audit;
    private final Path folder;
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
        this(persistence, access, runs, audit, Path.of(System.getProperty("karaf.data", "data"), "imports"));
    }

    ImportJobs(Persistence persistence, AccessControl access, JobRuns runs, AuditLog audit, Path folder) {
        this.persistence = persistence;
        this.access = access;
        this.runs = runs;
        this.audit = audit;
        this.folder = folder;
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
        worker.shutdownNow();
    }

    @Override
    public Set<String> types(String module) {
        Set<String> names = new TreeSet<>();
        types.values().stream().filter(t -> t.module().equals(module)).forEach(t -> names.add(t.name()));
        return names;
    }

    @Override
    public String start(String module, String type, InputStream body) {
        Set<String> names = types(module);
        if (names.isEmpty()) {
            throw Problems.notFound("The module " + module + " imports nothing, or is switched off.");
        }
        ImportType importType = type == null ? null : types.get(ImportType.kind(module, type));
        if (importType == null) {
            throw Problems.invalid("type", "must be one of " + names);
        }
        UserPrincipal user = access.currentUser();
        importType.permissions().forEach(access::requirePermission);
        String kind = ImportType.kind(module, type);
        try {
            Files.createDirectories(folder);
            Path upload = Files.createTempFile(folder, "upload-", ".csv");
            long size = copyLimited(body, upload);
            if (size == 0) {
                Files.deleteIfExists(upload);
                throw Problems.badRequest("The CSV file is empty.");
            }
            String id = runs.create(kind, user.id(), null);
            Files.move(upload, folder.resolve(id + ".csv"), StandardCopyOption.ATOMIC_MOVE);
            audit.record(module + ".import.started", "job/" + id, Map.of("type", type));
            worker.submit(() -> run(id, kind));
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("The upload could not be stored", e);
        }
    }

    private static long copyLimited(InputStream in, Path target) throws IOException {
        long total = 0;
        try (var out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > MAX_BYTES) {
                    out.close();
                    Files.deleteIfExists(target);
                    throw Problems.payloadTooLarge(MAX_BYTES);
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
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
            return;
        }
        try {
            UserPrincipal user = access.findUser(runs.owner(id)).orElse(null);
            if (user == null) {
                runs.finish(id, JobProgress.FAILED, "The user who started the import is disabled or gone.");
                return;
            }
            Path file = folder.resolve(id + ".csv");
            if (!Files.exists(file)) {
                runs.finish(id, JobProgress.FAILED, "The uploaded file is no longer in the data folder of this node.");
                return;
            }
            // As the user who started it: their visibility applies and the audit names them.
            access.runAs(user, () -> {
                process(id, kind, type, user, file, position.get());
                return null;
            });
            runs.finish(id, JobProgress.DONE, null);
            Files.deleteIfExists(file);
        } catch (ImportRefusedException e) {
            runs.finish(id, JobProgress.FAILED, e.getMessage());
        } catch (RuntimeException | IOException e) {
            if (types.get(kind) != type) {
                // Its module went while a batch ran: that batch rolled back, the run waits.
                runs.release(id, "Waiting for the module " + type.module() + ", switched off during the import; it resumes when the module is"
                        + " switched on again.");
                return;
            }
            LOG.error("Import {} failed", id, e);
            Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
            runs.finish(id, JobProgress.FAILED, "The import stopped: " + cause.getMessage());
        }
    }

    private void process(String id, String kind, ImportType type, UserPrincipal user, Path file, long resumeAfter) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (CsvReader csv = new CsvReader(new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16))) {
            List<String> header = csv.next();
            if (header == null) {
                throw new ImportRefusedException("The file has no header row.");
            }
            header = header.stream().map(String::strip).toList();
            ImportFile reader = type.open(header);
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
        } catch (CharacterCodingException e) {
            throw new ImportRefusedException("The file is not UTF-8 text.");
        } catch (CsvReader.CsvException e) {
            throw new ImportRefusedException("The file is not valid CSV at " + e.getMessage() + ".");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> next(CsvReader csv) throws IOException {
        List<String> row = csv.next();
        // A blank line is no row.
        while (row != null && row.size() == 1 && row.get(0).isBlank()) {
            row = csv.next();
        }
        return row;
    }

    private void commitBatch(String id, String kind, ImportType type, ImportFile reader, UserPrincipal user, int columns,
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
        persistence.write(ctx -> {
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
