package org.mosaiccrm.platform.api.imports;

import java.util.Map;

/**
 * One row of a file as an {@link ImportFile} read it: its fields, as a request body would carry
 * them, or the reason it is refused.
 *
 * @param number the row's 1-based record number in the file (the header is row 1)
 */
public record ImportRow(long number, Map<String, Object> fields, String refusal) {

    public static ImportRow of(long number, Map<String, Object> fields) {
        return new ImportRow(number, fields, null);
    }

    public static ImportRow refused(long number, String reason) {
        return new ImportRow(number, null, reason);
    }

    public boolean isRefused() {
        return refusal != null;
    }
}
