package org.mosaiccrm.platform.api.csv;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes RFC 4180 records with CRLF line ends, quoting a cell that holds a comma, a semicolon, a
 * tab (the separators of the common CSV dialects, so that no spreadsheet splits a cell whichever
 * it assumes), a quote (written twice) or a line break, or starts with a byte-order mark, and no
 * other; a null cell is written empty. Every cell is made formula-safe: each segment of a cell
 * that a spreadsheet could take for a cell of its own &mdash; the start of the value and what
 * follows a comma, a semicolon, a tab or a line break &mdash; that starts with
 * {@code = + - @}, tab or carriage return (after any blanks and apostrophes) gets an apostrophe
 * at its start, so that spreadsheets show it as text instead of running it (CSV injection):
 * {@code x;=cmd|' /C calc'!A0} is written {@code "x;'=cmd|' /C calc'!A0"}. Numbers such as
 * {@code -12.5} are neutralised too (spreadsheets show them as text). {@link #unneutralize(String)}
 * is the exact inverse, for importing an export unchanged: what {@link CsvReader} reads back
 * from a written record, unneutralised, is the record.
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
        if (value == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            if (startsSegment(value, i) && startsLikeFormula(value, i)) {
                out = out == null ? new StringBuilder(value.length() + 4).append(value, 0, i) : out;
                out.append('\'');
            }
            if (out != null) {
                out.append(value.charAt(i));
            }
        }
        return out == null ? value : out.toString();
    }

    /**
     * Removes the apostrophes {@link #neutralize} added; leaves every other value as it is, so
     * that {@code unneutralize(neutralize(v))} is {@code v} for every value.
     */
    public static String unneutralize(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            boolean added = startsSegment(value, i) && value.charAt(i) == '\'' && startsLikeFormula(value, i + 1);
            if (added && out == null) {
                out = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (out != null && !added) {
                out.append(value.charAt(i));
            }
        }
        return out == null ? value : out.toString();
    }

    /**
     * Whether a spreadsheet could begin a cell at {@code i}: the start of the value, or just
     * after a separator of a common CSV dialect or a line break. Apostrophes are none of these,
     * so adding or removing them leaves every segment where it was.
     */
    private static boolean startsSegment(String value, int i) {
        if (i == 0) {
            return true;
        }
        char before = value.charAt(i - 1);
        return before == ',' || before == ';' || before == '\t' || before == '\n' || before == '\r';
    }

    /**
     * Whether the value from {@code from} on, past any blanks and apostrophes, starts a formula.
     * A segment already starting with apostrophes before a formula character ({@code '=1})
     * gets one more, so that taking one off gives it back; blanks count because a spreadsheet
     * that trims cells would run {@code " =1"}.
     */
    private static boolean startsLikeFormula(String value, int from) {
        int i = from;
        while (i < value.length() && (value.charAt(i) == '\'' || value.charAt(i) == ' ')) {
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
            needs = c == ',' || c == ';' || c == '\t' || c == '"' || c == '\n' || c == '\r';
        }
        return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
