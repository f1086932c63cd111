package org.mosaiccrm.contacts.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.mosaiccrm.platform.api.csv.CsvReader;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.jobs.BatchResult;
import org.mosaiccrm.platform.api.jobs.JobProgress;
import org.mosaiccrm.platform.api.jobs.JobRuns;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports people or organizations from CSV as a resumable job. The upload is stored in the data
 * folder first; rows are then read in batches, each batch committed together with the job's
 * checkpoint, so a server killed mid-import resumes after the last committed batch: no row
 * half-imported, none twice. Which existing record a row describes, and how a new one is made,
 * is the record type's part ({@link ImportRows}); a bad row is reported with its number and
 * reason while the others go in.
 */
@Component(service = ContactsImport.class)
public class ContactsImport {

    static final int BATCH = 500;
    static final long MAX_BYTES = 512L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ContactsImport.class);

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private JobRuns runs;

    private ExecutorService worker;
    private Path folder;
    private Map<String, ImportRows> types;

    @Activate
    void activate() {
        folder = Path.of(System.getProperty("karaf.data", "data"), "imports");
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mosaic-contacts-import");
            t.setDaemon(true);
            return t;
        });
        types = java.util.stream.Stream.of(new PeopleRows(access), new OrganizationRows(access))
                .collect(java.util.stream.Collectors.toMap(rows -> rows.type, rows -> rows));
        // Imports a stopped or killed server left unfinished continue where they stopped.
        worker.submit(() -> types.values().forEach(rows -> runs.unfinished(kind(rows)).forEach(id -> run(id, rows))));
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
    }

    /** The job kind of an import type; people's is the one imports had before organizations came. */
    private static String kind(ImportRows rows) {
        return "contacts.import." + rows.type;
    }

    /** Stores the upload and queues the job; returns the job id. */
    String start(String type, UserPrincipal user, InputStream body) {
        ImportRows rows = type == null ? null : types.get(type);
        if (rows == null) {
            throw Problems.invalid("type", "must be one of " + new TreeSet<>(types.keySet()));
        }
        try {
            Files.createDirectories(folder);
            Path upload = Files.createTempFile(folder, "upload-", ".csv");
            long size = copyLimited(body, upload);
            if (size == 0) {
                Files.deleteIfExists(upload);
                throw Problems.badRequest("The CSV file is empty.");
            }
            String id = runs.create(kind(rows), user.id(), null);
            Path stored = folder.resolve(id + ".csv");
            Files.move(upload, stored, StandardCopyOption.ATOMIC_MOVE);
            worker.submit(() -> run(id, rows));
            return id;
        } catch (IOException e) {
            throw new IllegalStateException("The upload could not be stored", e);
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

    private void run(String id, ImportRows rows) {
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
                try {
                    process(id, rows, user, file, position.get());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return null;
            });
            runs.finish(id, JobProgress.DONE, null);
            Files.deleteIfExists(file);
        } catch (ImportRefused e) {
            runs.finish(id, JobProgress.FAILED, e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            LOG.error("Import {} failed", id, e);
            runs.finish(id, JobProgress.FAILED, "The import stopped: " + e.getCause().getMessage());
        } catch (RuntimeException | IOException e) {
            LOG.error("Import {} failed", id, e);
            runs.finish(id, JobProgress.FAILED, "The import stopped: " + e.getMessage());
        }
    }

    /** A whole-file refusal (unknown column, not UTF-8): reported as the job's message. */
    static final class ImportRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ImportRefused(String message) {
            super(message);
        }
    }

    private void process(String id, ImportRows rows, UserPrincipal user, Path file, long resumeAfter) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new java.io.BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
                CsvReader csv = new CsvReader(reader)) {
            List<String> header = csv.next();
            if (header == null) {
                throw new ImportRefused("The file has no header row.");
            }
            header = header.stream().map(h -> h.strip()).toList();
            CustomFields.Schema custom = CustomFields.load(persistence, rows.entity);
            List<String> unknown = header.stream().filter(h -> !rows.form.knows(h, custom)).toList();
            if (!unknown.isEmpty()) {
                throw new ImportRefused("Unknown columns " + unknown + "; the columns are " + rows.form.columns(custom) + ".");
            }
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
                    commitBatch(id, rows, user, header, custom, batch, rowNumbers, rowsDone);
                    batch.clear();
                    rowNumbers.clear();
                }
            }
            if (!batch.isEmpty()) {
                commitBatch(id, rows, user, header, custom, batch, rowNumbers, rowsDone);
            }
        } catch (CharacterCodingException e) {
            throw new ImportRefused("The file is not UTF-8 text.");
        } catch (CsvReader.CsvException e) {
            throw new ImportRefused("The file is not valid CSV at " + e.getMessage() + ".");
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

    private void commitBatch(String id, ImportRows type, UserPrincipal user, List<String> header, CustomFields.Schema custom,
            List<List<String>> rows, List<Long> numbers, long position) {
        // Each row's cells read as fields once, before the batch's lookups, which need them all;
        // a row refused here keeps its reason, so the report stays in row order.
        List<Map<String, Object>> fields = new ArrayList<>(rows.size());
        List<String> refusals = new ArrayList<>(rows.size());
        for (List<String> cells : rows) {
            FieldReader cellErrors = new FieldReader(Map.of());
            Map<String, Object> read = cells.size() == header.size() ? type.form.fields(header, cells, custom, cellErrors) : null;
            FieldError first = cellErrors.errors().isEmpty() ? null : cellErrors.errors().get(0);
            refusals.add(read == null ? "has " + cells.size() + " fields; the header has " + header.size()
                    : first == null ? null : type.form.column(first.field()) + ": " + first.message());
            fields.add(refusals.get(refusals.size() - 1) == null ? read : null);
        }
        persistence.write(ctx -> {
            BatchResult result = new BatchResult();
            ImportRows.Batch batch = type.batch(ctx, user, fields.stream().filter(Objects::nonNull).toList(), custom);
            for (int i = 0; i < rows.size(); i++) {
                if (fields.get(i) == null) {
                    result.failed(numbers.get(i), refusals.get(i));
                } else {
                    batch.row(fields.get(i), numbers.get(i), result);
                }
            }
            runs.checkpoint(ctx, id, rows.size(), position, result);
            return null;
        });
    }
}
