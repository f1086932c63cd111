package org.mosaiccrm.platform.api.csv;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes RFC 4180 records with CRLF line ends, quoting a cell that holds a comma, a quote
 * (written twice) or a line break, or starts with a byte-order mark, and no other; a null cell is written empty. Every cell is
 * made formula-safe: a value starting with {@code = + - @}, tab or carriage return (after any
 * apostrophes) gets a leading apostrophe so that spreadsheets show it as text instead of
 * running it (CSV injection). {@link #unneutralize(String)} is the exact inverse, for
 * importing an export unchanged: what {@link CsvReader} reads back from a written record,
 * unneutralised, is the record.
 */
public final class CsvWriter {

    private final Writer out;

    public CsvWriter(Writer out) {
        this.out = out;
    }

    public void write(List<String> record) throws IOException {
        for (int i = 0; i < record.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(neutralize(record.get(i))));
        }
        out.write("\r\n");
    }

    public void flush() throws IOException {
        out.flush();
    }

    public static String neutralize(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        return startsLikeFormula(value, 0) ? "'" + value : value;
    }

    /**
     * Removes the apostrophe {@link #neutralize} added; leaves every other value as it is, so
     * that {@code unneutralize(neutralize(v))} is {@code v} for every value.
     */
    public static String unneutralize(String value) {
        if (value != null && value.length() >= 2 && value.charAt(0) == '\'' && startsLikeFormula(value, 1)) {
            return value.substring(1);
        }
        return value;
    }

    /**
     * Whether the value from {@code from} on, past any apostrophes, starts a formula. A value
     * already starting with apostrophes before a formula character ({@code '=1}) gets one more,
     * so that taking one off gives it back.
     */
    private static boolean startsLikeFormula(String value, int from) {
        int i = from;
        while (i < value.length() && value.charAt(i) == '\'') {
            i++;
        }
        return i < value.length() && isFormulaStart(value.charAt(i));
    }

    private static boolean isFormulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    private static String quote(String value) {
        // A byte-order mark starting the file would be taken for one and skipped by a reader.
        boolean needs = value.startsWith("\uFEFF");
        for (int i = 0; i < value.length() && !needs; i++) {
            char c = value.charAt(i);
            needs = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
