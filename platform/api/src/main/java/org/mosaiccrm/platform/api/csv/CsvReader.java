package org.mosaiccrm.platform.api.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records one at a time (quoted fields, doubled quotes, line breaks inside
 * quotes, CRLF, LF or CR line ends, a last record with or without a line end), in bounded
 * memory whatever the file size. A byte-order mark at the start is skipped. An empty field and
 * an empty quoted field ({@code ""}) both read as the empty string; a blank line is a record of
 * one empty field. {@link #recordNumber()} counts records from 1 for the header.
 *
 * <p>Input that is not CSV is refused with a {@link CsvException} that names the line and the
 * record, rather than read as something the file did not say: a quoted field not closed before
 * the end of the file, text after a field's closing quote ({@code "a"b}), a quote inside a field
 * that does not start with one ({@code a"b}), a field longer than {@link #MAX_FIELD}, a record
 * longer than {@link #MAX_RECORD} or with more than {@link #MAX_FIELDS} fields: whatever a file
 * holds, one record never takes more memory than that.
 */
public final class CsvReader implements AutoCloseable {

    /** A field longer than this is an error, not a memory problem. */
    public static final int MAX_FIELD = 1 << 20;
    /** The characters of all fields of one record together. */
    public static final int MAX_RECORD = 4 << 20;
    /** Fields of one record. */
    public static final int MAX_FIELDS = 1000;

    private final Reader in;
    /** The field separator: a comma, or what {@link #delimiterOf} found (a semicolon, a tab). */
    private final char delimiter;
    private long recordNumber;
    private boolean started;
    private int pushback = -2;
    /** Line breaks read so far (CRLF is one), so the line of the last character read is this + 1. */
    private long lineBreaks;
    private boolean afterCr;
    /** Characters of the record being read. */
    private int recordLength;

    public CsvReader(Reader in) {
        this(in, ',');
    }

    /** A reader of records whose fields this delimiter separates (RFC 4180 says a comma; spreadsheets also write ; and tab). */
    public CsvReader(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /**
     * The delimiter a file uses, told from its first line: of comma, semicolon and tab, the one
     * that occurs most outside quotes (a comma on a tie or when none does). Excel writes
     * semicolons where the decimal separator is a comma, as in Slovenia.
     */
    public static char delimiterOf(String firstLine) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < firstLine.length(); i++) {
            char c = firstLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas && tabs > semicolons ? '\t' : ',';
    }

    /** The next record, or null at the end of the input. */
    public List<String> next() throws IOException {
        if (!started) {
            started = true;
            int first = read();
            if (first != '\uFEFF') {
                pushback = first;
            }
        }
        int c = read();
        if (c == -1) {
            return null;
        }
        long record = recordNumber + 1;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        recordLength = 0;
        while (true) {
            int number = fields.size() + 1;
            if (number > MAX_FIELDS) {
                throw new CsvException(record, line(), "a record has more than " + MAX_FIELDS + " fields");
            }
            if (c == '"') {
                long opened = line();
                while (true) {
                    c = read();
                    if (c == -1) {
                        throw new CsvException(record, opened, "the quoted field " + number
                                + " is not closed before the end of the file (a quote inside a quoted field is written twice: \"\")");
                    }
                    if (c == '"') {
                        c = read();
                        if (c != '"') {
                            break;
                        }
                    }
                    append(field, c, record);
                }
                if (c != delimiter && c != '\r' && c != '\n' && c != -1) {
                    throw new CsvException(record, line(), "field " + number + " has text after its closing quote"
                            + " (a quote inside a quoted field is written twice: \"\")");
                }
            } else {
                while (c != delimiter && c != '\r' && c != '\n' && c != -1) {
                    if (c == '"') {
                        throw new CsvException(record, line(), "field " + number + " has a quote inside it but does not start"
                                + " with one (such a field is quoted whole, with the quote written twice: \"a\"\"b\")");
                    }
                    append(field, c, record);
                    c = read();
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (c == delimiter) {
                c = read();
                continue;
            }
            if (c == '\r') {
                int n = read();
                if (n != '\n') {
                    pushback = n;
                }
            }
            recordNumber++;
            return fields;
        }
    }

    public long recordNumber() {
        return recordNumber;
    }

    private long line() {
        return lineBreaks + 1;
    }

    private void append(StringBuilder field, int c, long record) {
        if (field.length() >= MAX_FIELD) {
            throw new CsvException(record, line(), "a field is longer than " + MAX_FIELD + " characters");
        }
        if (++recordLength > MAX_RECORD) {
            throw new CsvException(record, line(), "a record is longer than " + MAX_RECORD + " characters");
        }
        field.append((char) c);
    }

    private int read() throws IOException {
        if (pushback != -2) {
            int c = pushback;
            pushback = -2;
            return c;
        }
        int c = in.read();
        if (c == '\r' || (c == '\n' && !afterCr)) {
            lineBreaks++;
        }
        afterCr = c == '\r';
        return c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Input that is not CSV (an unclosed quote, a stray quote, a runaway field), with where it is. */
    public static final class CsvException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long record;
        private final long line;

        public CsvException(long record, String message) {
            super("record " + record + ": " + message);
            this.record = record;
            this.line = 0;
        }

        /** {@code line} counts the physical lines of the input from 1, whatever the records span. */
        public CsvException(long record, long line, String message) {
            super("line " + line + " (record " + record + "): " + message);
            this.record = record;
            this.line = line;
        }

        public long record() {
            return record;
        }

        /** The line of the input, from 1; 0 when not known. */
        public long line() {
            return line;
        }
    }
}
