package org.mosaiccrm.platform.api.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records one at a time (quoted fields, doubled quotes, line breaks inside
 * quotes, CRLF or LF), in bounded memory whatever the file size. A byte-order mark at the
 * start is skipped. {@link #recordNumber()} counts records from 1 for the header.
 */
public final class CsvReader implements AutoCloseable {

    /** A field longer than this is an error, not a memory problem. */
    public static final int MAX_FIELD = 1 << 20;

    private final Reader in;
    private long recordNumber;
    private boolean started;
    private int pushback = -2;

    public CsvReader(Reader in) {
        this.in = in;
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
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean inQuotes = false;
        while (true) {
            if (inQuotes) {
                if (c == -1) {
                    throw new CsvException(recordNumber + 1, "a quoted field is not closed before the end of the file");
                }
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        append(field, '"');
                    } else {
                        inQuotes = false;
                        c = n;
                        continue;
                    }
                } else {
                    append(field, (char) c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                quoted = false;
            } else if (c == '\r' || c == '\n' || c == -1) {
                if (c == '\r') {
                    int n = read();
                    if (n != '\n') {
                        pushback = n;
                    }
                }
                fields.add(field.toString());
                recordNumber++;
                return fields;
            } else if (c == '"' && field.length() == 0 && !quoted) {
                inQuotes = true;
                quoted = true;
            } else {
                append(field, (char) c);
            }
            c = read();
        }
    }

    public long recordNumber() {
        return recordNumber;
    }

    private void append(StringBuilder field, char c) {
        if (field.length() >= MAX_FIELD) {
            throw new CsvException(recordNumber + 1, "a field is longer than " + MAX_FIELD + " characters");
        }
        field.append(c);
    }

    private int read() throws IOException {
        if (pushback != -2) {
            int c = pushback;
            pushback = -2;
            return c;
        }
        return in.read();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Input that is not CSV at all (unclosed quote, runaway field). */
    public static final class CsvException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long record;

        public CsvException(long record, String message) {
            super("record " + record + ": " + message);
            this.record = record;
        }

        public long record() {
            return record;
        }
    }
}
