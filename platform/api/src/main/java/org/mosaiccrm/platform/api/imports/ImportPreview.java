package org.mosaiccrm.platform.api.imports;

import java.util.List;

import org.mosaiccrm.platform.api.csv.CsvField;

/**
 * What an import would make of a file's first lines, for the user to confirm or change before
 * the upload: the delimiter found, each column with the field proposed for it (null for none)
 * and a few sample values, and the fields a column can fill.
 *
 * @param delimiter the separator of the file's fields: {@code ,}, {@code ;} or a tab
 */
public record ImportPreview(String delimiter, List<Column> columns, List<CsvField> fields) {

    /**
     * @param position the column's 1-based position in the header (as {@code map} and {@code skip} name it)
     * @param header the header cell
     * @param field the field proposed for the column, or null when the header names none
     * @param samples the column's first values
     */
    public record Column(int position, String header, String field, List<String> samples) {
    }
}
