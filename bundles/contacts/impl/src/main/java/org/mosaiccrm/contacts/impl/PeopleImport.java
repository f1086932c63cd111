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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.property.StringProperty;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.csv.CsvReader;
import org.mosaiccrm.platform.api.csv.CsvWriter;
import org.mosaiccrm.platform.api.jobs.BatchResult;
import org.mosaiccrm.platform.api.jobs.JobProgress;
import org.mosaiccrm.platform.api.jobs.JobRuns;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
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
 * Imports people from CSV as a resumable job. The upload is stored in the data folder first;
 * rows are then read in batches, each batch committed together with the job's checkpoint,
 * so a server killed mid-import resumes after the last committed batch: no row half-imported,
 * none twice. Rows match existing people by email, then by name and organization (also within
 * the file); a bad row is reported with its number and reason while the others go in.
 */
@Component(service = PeopleImport.class)
public class PeopleImport {

    static final String KIND = "contacts.import.people";
    static final int BATCH = 500;
    static final int LOOKUP_CHUNK = 100;
    static final long MAX_BYTES = 512L * 1024 * 1024;
    static final Set<String> NAME_FIELDS = Set.of("firstName", "lastName");

    private static final Logger LOG = LoggerFactory.getLogger(PeopleImport.class);

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private JobRuns runs;

    private ExecutorService worker;
    private Path folder;

    @Activate
    void activate() {
        folder = Path.of(System.getProperty("karaf.data", "data"), "imports");
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mosaic-contacts-import");
            t.setDaemon(true);
            return t;
        });
        // Imports a stopped or killed server left unfinished continue where they stopped.
        worker.submit(() -> runs.unfinished(KIND).forEach(this::run));
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
    }

    /** Stores the upload and queues the job; returns the job id. */
    String start(UserPrincipal user, InputStream body) {
        try {
            Files.createDirectories(folder);
            Path upload = Files.createTempFile(folder, "upload-", ".csv");
            long size = copyLimited(body, upload);
            if (size == 0) {
                Files.deleteIfExists(upload);
                throw Problems.badRequest("The CSV file is empty.");
            }
            String id = runs.create(KIND, user.id(), null);
            Path stored = folder.resolve(id + ".csv");
            Files.move(upload, stored, StandardCopyOption.ATOMIC_MOVE);
            worker.submit(() -> run(id));
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

    private void run(String id) {
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
                    process(id, user, file, position.get());
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

    private void process(String id, UserPrincipal user, Path file, long resumeAfter) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new java.io.BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
                CsvReader csv = new CsvReader(reader)) {
            List<String> header = csv.next();
            if (header == null) {
                throw new ImportRefused("The file has no header row.");
            }
            header = header.stream().map(h -> h.strip()).toList();
            CustomFields.Schema custom = CustomFields.load(persistence, CustomFields.PERSON);
            List<String> unknown = header.stream().filter(h -> !PeopleCsv.COLUMNS.contains(h) && !custom.hasColumn(h)).toList();
            if (!unknown.isEmpty()) {
                throw new ImportRefused("Unknown columns " + unknown + "; the columns are " + PeopleCsv.columns(custom) + ".");
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
                    commitBatch(id, user, header, custom, batch, rowNumbers, rowsDone);
                    batch.clear();
                    rowNumbers.clear();
                }
            }
            if (!batch.isEmpty()) {
                commitBatch(id, user, header, custom, batch, rowNumbers, rowsDone);
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

    private void commitBatch(String id, UserPrincipal user, List<String> header, CustomFields.Schema custom, List<List<String>> rows,
            List<Long> numbers, long position) {
        persistence.write(ctx -> {
            BatchResult result = new BatchResult();
            Matcher matcher = new Matcher(ctx, user, rows, header);
            for (int i = 0; i < rows.size(); i++) {
                importRow(ctx, user, header, custom, rows.get(i), numbers.get(i), matcher, result);
            }
            runs.checkpoint(ctx, id, rows.size(), position, result);
            return null;
        });
    }

    private void importRow(ObjectContext ctx, UserPrincipal user, List<String> header, CustomFields.Schema custom, List<String> cells,
            long rowNumber, Matcher matcher, BatchResult result) {
        if (cells.size() != header.size()) {
            result.failed(rowNumber, "has " + cells.size() + " fields; the header has " + header.size());
            return;
        }
        FieldReader cellErrors = new FieldReader(Map.of());
        Map<String, Object> fields = PeopleCsv.fields(header, cells, custom, cellErrors);
        if (!cellErrors.errors().isEmpty()) {
            FieldError first = cellErrors.errors().get(0);
            result.failed(rowNumber, PeopleCsv.column(first.field()) + ": " + first.message());
            return;
        }
        String organizationName = (String) fields.remove("organization");
        if (organizationName != null && organizationName.length() > 200) {
            result.failed(rowNumber, "organization: is longer than 200 characters");
            return;
        }
        String organizationId = organizationName == null ? null : matcher.organization(organizationName);
        if (organizationId != null) {
            fields.put("organizationId", organizationId);
        }
        FieldReader in = new FieldReader(fields);
        Person existing = matcher.find(fields, organizationId);
        Person person = existing != null ? existing : ctx.newObject(Person.class);
        Views.PersonView before = existing == null ? null : Views.person(existing, custom);
        PersonFields.apply(in, person, existing == null, custom);
        if (!in.errors().isEmpty()) {
            if (existing == null) {
                ctx.deleteObject(person);
            } else {
                ctx.invalidateObjects(existing);
            }
            FieldError first = in.errors().get(0);
            result.failed(rowNumber, PeopleCsv.column(first.field()) + ": " + first.message());
            return;
        }
        if (existing == null) {
            if (organizationName != null && organizationId == null) {
                matcher.createOrganization(organizationName, person);
            }
            // Imported records belong to the importing user and their team, as if created by hand.
            person.setOwnerId(user.id());
            person.setTeamId(user.teamId());
            matcher.remember(person);
            result.created();
        } else if (before.equals(Views.person(existing, custom))) {
            result.skipped();
        } else {
            result.updated();
        }
    }

    /** Finds the people and organizations a batch refers to, in a few queries per batch. */
    private final class Matcher {

        private final ObjectContext ctx;
        private final UserPrincipal user;
        private final Map<String, Person> byEmail = new HashMap<>();
        private final Map<String, Person> byKey = new HashMap<>();
        private final Map<String, String> organizations = new HashMap<>();
        private final Map<String, Organization> newOrganizations = new HashMap<>();

        Matcher(ObjectContext ctx, UserPrincipal user, List<List<String>> rows, List<String> header) {
            this.ctx = ctx;
            this.user = user;
            int emailColumn = header.indexOf("email");
            int first = header.indexOf("firstName");
            int last = header.indexOf("lastName");
            int org = header.indexOf("organization");
            Set<String> emails = new java.util.LinkedHashSet<>();
            Set<String> orgNames = new java.util.HashSet<>();
            for (List<String> row : rows) {
                if (row.size() != header.size()) {
                    continue;
                }
                if (emailColumn >= 0 && !row.get(emailColumn).isBlank()) {
                    emails.add(cell(row, emailColumn).split(";")[0].strip().toLowerCase(Locale.ROOT));
                }
                if (org >= 0 && !cell(row, org).isEmpty()) {
                    orgNames.add(cell(row, org).toLowerCase(Locale.ROOT));
                }
            }
            for (Person p : lookup(Person.class, Person.PRIMARY_EMAIL, emails)) {
                byEmail.putIfAbsent(p.getPrimaryEmail(), p);
            }
            for (Organization o : lookup(Organization.class, Organization.NAME_KEY, orgNames)) {
                organizations.putIfAbsent(o.getNameKey(), o.getId());
            }
            // The second rule's keys (name + organization) of the whole batch, in one query.
            Set<String> keys = new java.util.HashSet<>();
            for (List<String> row : rows) {
                if (row.size() == header.size()) {
                    String orgId = org < 0 || cell(row, org).isEmpty() ? null : organizations.get(cell(row, org).toLowerCase(Locale.ROOT));
                    keys.add(PersonFields.dedupeKey(first < 0 ? null : cell(row, first), last < 0 ? null : cell(row, last), orgId));
                }
            }
            keys.remove("||");
            for (Person p : lookup(Person.class, Person.DEDUPE_KEY, keys)) {
                byKey.putIfAbsent(p.getDedupeKey(), p);
            }
        }

        /**
         * The records the user may reach whose property holds one of the values, oldest first.
         * The values go in chunks: while a table is still small Derby may plan a full scan for an
         * IN list (until its stale-plan check recompiles), and a scan compares every row with
         * every value of the list, so a short list keeps that cost low. A short last chunk is
         * padded with its own last value, so every lookup has the same SQL text and the
         * database compiles it once instead of once per batch.
         */
        private <R extends MosaicRecord> List<R> lookup(Class<R> type, StringProperty<String> property,
                java.util.Collection<String> values) {
            List<R> found = new ArrayList<>();
            List<String> all = List.copyOf(values);
            for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
                List<String> chunk = new ArrayList<>(all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK)));
                while (chunk.size() < LOOKUP_CHUNK) {
                    chunk.add(chunk.get(chunk.size() - 1));
                }
                found.addAll(ObjectSelect.query(type).where(Records.visible(access, user, property.in(chunk)))
                        .orderBy(MosaicRecord.ID.asc()).select(ctx));
            }
            return found;
        }

        private static String cell(List<String> row, int column) {
            return CsvWriter.unneutralize(row.get(column)).strip();
        }


        /**
         * The person a row describes: the one with its (first) email; failing that, the one with
         * its name in its organization. A row that has an email only falls back to the name when
         * it names an organization too, and never onto a person with another address: two
         * people with one name and different emails are two people.
         */
        Person find(Map<String, Object> fields, String organizationId) {
            Object emails = fields.get("emails");
            String email = null;
            if (emails instanceof List<?> list && !list.isEmpty()) {
                email = String.valueOf(list.get(0)).toLowerCase(Locale.ROOT);
                Person p = byEmail.get(email);
                if (p != null) {
                    return p;
                }
                if (organizationId == null) {
                    return null;
                }
            }
            String key = PersonFields.dedupeKey((String) fields.get("firstName"), (String) fields.get("lastName"), organizationId);
            if (key.equals("||")) {
                return null;
            }
            Person candidate = byKey.get(key);
            if (candidate != null && email != null && candidate.getPrimaryEmail() != null && !email.equals(candidate.getPrimaryEmail())) {
                return null;
            }
            return candidate;
        }

        void remember(Person p) {
            if (p.getPrimaryEmail() != null) {
                byEmail.put(p.getPrimaryEmail(), p);
            }
            byKey.put(p.getDedupeKey(), p);
        }

        /** The id of a visible organization with this name, or null when there is none yet. */
        String organization(String name) {
            String key = name.strip().toLowerCase(Locale.ROOT);
            Organization created = newOrganizations.get(key);
            if (created != null) {
                return created.getId();
            }
            return organizations.get(key);
        }

        void createOrganization(String name, Person person) {
            Organization o = ctx.newObject(Organization.class);
            FieldReader in = new FieldReader(Map.of("name", name));
            OrganizationFields.apply(in, o, true, null);
            o.setOwnerId(user.id());
            o.setTeamId(user.teamId());
            newOrganizations.put(o.getNameKey(), o);
            person.setOrganizationId(o.getId());
            PersonFields.derive(person);
        }
    }
}
