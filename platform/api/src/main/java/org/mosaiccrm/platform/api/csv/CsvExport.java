package org.mosaiccrm.platform.api.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.ResultBatchIterator;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AuditLog;

/**
 * The CSV export of a list: every record the query selects (its filters and the user's reach
 * already in it), streamed as the client reads, formula-safe through {@link CsvWriter}, and
 * audited, since an export is how customer data leaves the system in bulk.
 */
public final class CsvExport {

    /** Records read from one result set at a time: memory stays bounded for any list size. */
    private static final int BATCH = 500;

    private CsvExport() {
    }

    /** Checks the {@code format} parameter of an export: csv, or left out. */
    public static void requireCsv(String format) {
        if (format != null && !"csv".equals(format)) {
            throw Problems.invalid("format", "must be csv");
        }
    }

    /**
     * The answer of an export.
     *
     * @param module the module whose records are exported: the audit action is {@code <module>.export}
     * @param name what is exported (people, organizations): the audit names it {@code <module>/<name>}, the file {@code <name>.csv}
     * @param query the request's query parameters, recorded with the audit entry
     * @param rows makes the row writer of one export, given the context it reads in (for
     *     look-ups a row needs, such as an organization's name)
     */
    public static <T> Response of(Persistence persistence, AuditLog audit, String module, String name, Map<String, List<String>> query,
            List<String> header, ObjectSelect<T> select, Function<ObjectContext, Function<T, List<String>>> rows) {
        // Recorded when the export is asked for, before anything is sent: a client that drops
        // the connection half-way has still taken what it read.
        Map<String, String> filters = new TreeMap<>();
        query.forEach((key, values) -> filters.put(key, String.join(", ", values)));
        audit.record(module + ".export", module + "/" + name, filters);
        StreamingOutput body = out -> {
            BufferedWriter text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            // A byte-order mark first: without it Excel reads UTF-8 as the local code page and garbles Č, Š, Ž.
            // The import (CsvReader) skips it, so an export still imports back unchanged.
            text.write('\uFEFF');
            CsvWriter csv = new CsvWriter(text);
            csv.write(header);
            persistence.read(ctx -> {
                Function<T, List<String>> row = rows.apply(ctx);
                // One query, read in batches from its result set: paging with OFFSET would sort
                // and skip the whole list again for every page. The price is one database
                // connection held while the client downloads.
                try (ResultBatchIterator<T> batches = select.batchIterator(ctx, BATCH)) {
                    for (List<T> batch : batches) {
                        for (T record : batch) {
                            csv.write(row.apply(record));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
            csv.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
    }
}
