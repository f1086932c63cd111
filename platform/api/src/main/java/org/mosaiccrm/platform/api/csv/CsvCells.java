package org.mosaiccrm.platform.api.csv;

import java.util.Arrays;
import java.util.List;

/**
 * How values read and write as cells, the same in every module so that any export imports
 * back: no value is an empty cell, a list (emails, phones, tags) is one cell of its values
 * separated by ", ", and an import reads a cell as typed before the export neutralised it.
 *
 * <p>The one list rule of the platform: on input a comma or a semicolon separates values (a
 * form's tags field, an imported cell: "vip,newsletter" and "vip; newsletter" are two tags),
 * and lists are written joined with ", ". The UI kit's {@code splitList} follows the same rule.
 */
public final class CsvCells {

    public static final String SEPARATOR = ", ";

    /** What separates the values of a list typed as text: a comma or a semicolon. */
    public static final String SPLIT = "[,;]";

    private CsvCells() {
    }

    /** Text as a cell: empty for none. */
    public static String cell(String value) {
        return value == null ? "" : value;
    }

    /** A list as one cell. */
    public static String join(List<String> values) {
        return String.join(SEPARATOR, values);
    }

    /** The values of a list cell, blanks left out. */
    public static List<String> split(String cell) {
        return Arrays.stream(cell.split(SPLIT)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** An imported cell's value: as typed before {@link CsvWriter#neutralize}, without surrounding blanks; empty for none. */
    public static String read(String cell) {
        return CsvWriter.unneutralize(cell).strip();
    }
}
