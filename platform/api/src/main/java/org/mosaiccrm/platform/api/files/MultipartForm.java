package org.mosaiccrm.platform.api.files;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mosaiccrm.platform.api.rest.ProblemException;
import org.mosaiccrm.platform.api.rest.Problems;

/**
 * A {@code multipart/form-data} body (RFC 7578), read part by part as it arrives: nothing of it
 * is held beyond what the reader of a part keeps, so a file part read through
 * {@link StoredFiles#receive} is cut off at the size limit however large the upload is. A
 * resource that takes files declares {@code @Consumes("multipart/form-data")}, takes the body as
 * an {@link InputStream} and its {@code Content-Type} header, and calls {@link #receive}.
 */
public final class MultipartForm {

    public static final String MEDIA_TYPE = "multipart/form-data";
    /** The headers of one part, together, at most. */
    static final int MAX_HEADER_BYTES = 8 * 1024;
    /** Parts of one body at most (fields and files). */
    static final int MAX_PARTS = 100;

    /**
     * One part: its field name, its file name (null for a plain field; as sent, not yet cleaned),
     * its declared type (null when none) and its content, readable until the next part is asked for.
     */
    public record Part(String name, String fileName, String contentType, InputStream content) {

        public boolean isFile() {
            return fileName != null;
        }

        /** The content as UTF-8 text of at most {@code maxBytes} bytes; 400 naming the field when it is longer. */
        public String text(int maxBytes) throws IOException {
            byte[] bytes = content.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw Problems.invalid(name, "tooLong", "is too long (at most " + maxBytes + " bytes)", "max", maxBytes);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A whole form: its plain fields by name, and its files, each read under the limit. */
    public record Received(Map<String, String> fields, List<FileUpload> files) {
    }

    private final PushbackInputStream in;
    /** CRLF "--" boundary: what ends a part (the body is read as if it began with a CRLF). */
    private final byte[] delimiter;
    private final byte[] look;
    private PartContent current;
    private boolean done;
    private int parts;

    private MultipartForm(InputStream body, String boundary) throws IOException {
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.look = new byte[delimiter.length];
        this.in = new PushbackInputStream(new BufferedInputStream(body, 64 * 1024), delimiter.length + 2);
        in.unread(new byte[] {'\r', '\n'});
    }

    /** A reader of the body; 415 when the type is not multipart/form-data with a boundary. */
    public static MultipartForm of(String contentType, InputStream body) throws IOException {
        String boundary = boundary(contentType);
        if (boundary == null) {
            throw Problems.of(415, "unsupported-media-type", "Unsupported Media Type",
                    "This address takes multipart/form-data with a boundary, or JSON.");
        }
        return new MultipartForm(body, boundary);
    }

    /** The boundary of a {@code multipart/form-data} content type; null for another type or none (RFC 2046: 1 to 70 characters). */
    static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] pieces = contentType.split(";", 2);
        if (!MEDIA_TYPE.equals(pieces[0].strip().toLowerCase(Locale.ROOT)) || pieces.length < 2) {
            return null;
        }
        String boundary = parameters(pieces[1]).get("boundary");
        return boundary == null || boundary.isEmpty() || boundary.length() > 70 ? null : boundary;
    }

    /**
     * Reads the whole form: fields of at most {@code maxFieldBytes} each (a field sent twice is
     * refused), and at most {@code maxFiles} files, each through {@link StoredFiles#receive}
     * (413 naming the first file over the limit). A file input left empty (no name, no bytes) is no file.
     */
    public static Received receive(String contentType, InputStream body, StoredFiles files, int maxFiles, int maxFieldBytes)
            throws IOException {
        MultipartForm form = of(contentType, body);
        Map<String, String> fields = new LinkedHashMap<>();
        List<FileUpload> uploads = new ArrayList<>();
        for (Part part; (part = form.next()) != null;) {
            if (part.isFile()) {
                FileUpload upload = files.receive(part.fileName(), part.contentType(), part.content());
                if (part.fileName().isEmpty() && upload.size() == 0) {
                    continue;
                }
                if (uploads.size() == maxFiles) {
                    throw Problems.invalid(part.name(), "tooManyFiles", "takes at most " + maxFiles + " files at once", "max", maxFiles);
                }
                uploads.add(upload);
            } else if (fields.put(part.name(), part.text(maxFieldBytes)) != null) {
                throw Problems.invalid(part.name(), "repeated", "is given more than once");
            }
        }
        return new Received(fields, uploads);
    }

    /** The next part, the rest of the previous one skipped; null after the last. */
    public Part next() throws IOException {
        if (done) {
            return null;
        }
        if (current == null) {
            current = new PartContent();
        }
        current.skip();
        int a = in.read();
        int b = in.read();
        if (a == '-' && b == '-') {
            done = true;
            return null;
        }
        while (a == ' ' || a == '\t') {
            a = b;
            b = in.read();
        }
        if (a != '\r' || b != '\n') {
            throw malformed("a boundary is not followed by a line break");
        }
        if (++parts > MAX_PARTS) {
            throw malformed("more than " + MAX_PARTS + " parts");
        }
        Map<String, String> headers = headers();
        String disposition = headers.get("content-disposition");
        if (disposition == null || !disposition.strip().toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw malformed("a part has no Content-Disposition: form-data");
        }
        int semicolon = disposition.indexOf(';');
        Map<String, String> params = semicolon < 0 ? Map.of() : parameters(disposition.substring(semicolon + 1));
        String name = params.get("name");
        if (name == null) {
            throw malformed("a part has no name");
        }
        String fileName = params.containsKey("filename*") ? extended(params.get("filename*")) : params.get("filename");
        current = new PartContent();
        return new Part(name, fileName, headers.get("content-type"), current);
    }

    /** A part's headers, names lower case; UTF-8, as browsers send file names. */
    private Map<String, String> headers() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw malformed("the body ends inside a part's headers");
            }
            if (++total > MAX_HEADER_BYTES) {
                throw malformed("a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
            }
            if (c != '\n') {
                line.write(c);
                continue;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            if (text.isEmpty()) {
                return headers;
            }
            int colon = text.indexOf(':');
            if (colon > 0) {
                headers.put(text.substring(0, colon).strip().toLowerCase(Locale.ROOT), text.substring(colon + 1).strip());
            }
        }
    }

    /** {@code a=b; c="d; e"} as a map, names lower case, quoted values unquoted (a backslash escapes the next character). */
    static Map<String, String> parameters(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ';' || Character.isWhitespace(text.charAt(i)))) {
                i++;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                for (i++; i < n && text.charAt(i) != '"'; i++) {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(text.charAt(i));
                }
                i++;
            } else {
                for (; i < n && text.charAt(i) != ';'; i++) {
                    value.append(text.charAt(i));
                }
            }
            params.putIfAbsent(key, key.endsWith("*") ? value.toString().strip() : value.toString());
        }
        return params;
    }

    /** An RFC 5987 value, {@code UTF-8''%E2%82%AC.txt}; as given when it is not one. */
    static String extended(String value) {
        int quotes = value.indexOf("''");
        if (quotes < 0 || !value.substring(0, quotes).equalsIgnoreCase("UTF-8")) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String encoded = value.substring(quotes + 2);
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length() && Character.digit(encoded.charAt(i + 1), 16) >= 0
                    && Character.digit(encoded.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static ProblemException malformed(String why) {
        return Problems.badRequest("The multipart/form-data body is malformed: " + why + ".");
    }

    /** One part's content: the bytes up to the next delimiter, which it consumes and then ends. */
    private final class PartContent extends InputStream {

        private boolean ended;

        @Override
        public int read() throws IOException {
            if (ended) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw malformed("the body ends inside a part");
            }
            if (b != (delimiter[0] & 0xff)) {
                return b;
            }
            look[0] = (byte) b;
            int n = 1;
            while (n < delimiter.length) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                look[n++] = (byte) c;
                if ((byte) c != delimiter[n - 1]) {
                    break;
                }
            }
            if (n == delimiter.length && look[n - 1] == delimiter[n - 1]) {
                ended = true;
                return -1;
            }
            in.unread(look, 1, n - 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int count = 0;
            while (count < len) {
                int b = read();
                if (b < 0) {
                    break;
                }
                buffer[off + count++] = (byte) b;
            }
            return count == 0 ? -1 : count;
        }

        /** Reads to the part's end. */
        void skip() throws IOException {
            while (read() >= 0) {
                // the part's rest is of no use
            }
        }
    }
}
