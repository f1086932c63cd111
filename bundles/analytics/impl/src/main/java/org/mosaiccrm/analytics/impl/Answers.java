package org.mosaiccrm.analytics.impl;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.mosaiccrm.analytics.api.TimeBucket;
import org.mosaiccrm.analytics.api.TimeBuckets;
import org.mosaiccrm.platform.api.csv.CsvWriter;
import org.mosaiccrm.platform.api.i18n.CompanyLocale;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What every analytics answer does the same way: check the reader's permission, count in the
 * company's time zone and weeks, and answer as CSV through the platform's formula-safe
 * {@link CsvWriter} behind a byte-order mark (as every Mosaic export, so spreadsheets read
 * UTF-8), audited as {@code analytics.export} with what was asked.
 */
@Component(service = Answers.class)
public class Answers {

    @Reference
    private AccessControl access;

    @Reference
    private AuditLog audit;

    @Reference
    private CompanyLocale company;

    /** The current user, when they may read analytics; 401 or 403 otherwise. */
    UserPrincipal reader() {
        return access.requirePermission(AnalyticsModule.READ);
    }

    ZoneId zone() {
        return company.timeZone();
    }

    /** Buckets of a code ({@code day}, {@code week}…) in the company's zone, weeks starting on its language's first day; null for none. */
    TimeBuckets buckets(String code, ZoneId zone) {
        return code == null ? null : TimeBuckets.of(TimeBucket.ofCode(code), zone, company.language());
    }

    /** Rows already computed for the user, as a CSV file named {@code name}.csv; 403 without {@code analytics.export}. */
    Response csv(String name, Map<String, List<String>> query, List<String> header, List<List<String>> rows) {
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
