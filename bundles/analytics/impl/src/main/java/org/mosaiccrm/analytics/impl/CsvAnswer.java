package org.mosaiccrm.analytics.impl;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.mosaiccrm.platform.api.csv.CsvWriter;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;

/**
 * A figure or analysis as a CSV file: the rows already computed for the user, written through
 * the platform's formula-safe {@link CsvWriter} behind a byte-order mark (as every Mosaic export,
 * so spreadsheets read UTF-8), and audited as {@code analytics.export} with what was asked.
 */
final class CsvAnswer {

    private CsvAnswer() {
    }

    static Response of(AccessControl access, AuditLog audit, String name, Map<String, List<String>> query, List<String> header,
            List<List<String>> rows) {
        access.requirePermission(AnalyticsModule.EXPORT);
        Map<String, String> filters = new TreeMap<>();
        query.forEach((key, values) -> filters.put(key, String.join(", ", values)));
        audit.record(AnalyticsModule.ID + ".export", AnalyticsModule.ID + "/" + name, filters);
        StreamingOutput body = out -> {
            BufferedWriter text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            text.write('\uFEFF');
            CsvWriter csv = new CsvWriter(text);
            csv.write(header);
            for (List<String> row : rows) {
                csv.write(row);
            }
            csv.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name.replace('/', '-') + ".csv\"").build();
    }
}
