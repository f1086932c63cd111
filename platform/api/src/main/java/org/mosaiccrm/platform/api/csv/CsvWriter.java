package org.mosaiccrm.platform.api.csv;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes RFC 4180 records with CRLF line ends, quoting where needed. Every cell is made
 * formula-safe: a value starting with {@code = + - @}, tab or carriage return gets a leading
 * apostrophe so that spreadsheets show it as text instead of running it (CSV injection).
 * {@link #unneutralize(String)} is the exact inverse, for importing an export unchanged.
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
        char c = value.charAt(0);
        return isFormulaStart(c) ? "'" + value : value;
    }

    /** Removes the apostrophe {@link #neutralize} added; leaves every other value as it is. */
    public static String unneutralize(String value) {
        if (value != null && value.length() >= 2 && value.charAt(0) == '\'' && isFormulaStart(value.charAt(1))) {
            return value.substring(1);
        }
        return value;
    }

    private static boolean isFormulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    private static String quote(String value) {
        boolean needs = false;
        for (int i = 0; i < value.length() && !needs; i++) {
            char c = value.charAt(i);
            needs = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
