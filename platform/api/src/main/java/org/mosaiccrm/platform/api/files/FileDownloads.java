package org.mosaiccrm.platform.api.files;

import java.nio.charset.StandardCharsets;

import javax.ws.rs.core.Response;

/**
 * How every module serves a stored file: always as a download ({@code Content-Disposition:
 * attachment} with the name in RFC 6266/5987 form), {@code X-Content-Type-Options: nosniff}, a
 * type from {@link FileTypes}' allow-list (checked again here, whatever was stored) and a
 * sandboxing Content-Security-Policy, so that an uploaded page never runs as one of the site's.
 */
public final class FileDownloads {

    private FileDownloads() {
    }

    /** A 200 answer carrying the file's bytes ({@link StoredFiles#open}); {@code Content-Length} is the stored size. */
    public static Response response(StoredFile file, java.io.InputStream content) {
        String type = FileTypes.allowed(file.contentType()) ? file.contentType() : FileTypes.BINARY;
        if (type.startsWith("text/")) {
            type += "; charset=utf-8";
        }
        return Response.ok(content, type)
                .header("Content-Disposition", contentDisposition(file.name()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Cache-Control", "private, no-store")
                .header("Content-Length", file.size())
                .build();
    }

    /**
     * {@code attachment; filename="<ASCII stand-in>"; filename*=UTF-8''<percent-encoded name>}:
     * the stand-in for old clients has every character outside printable ASCII, and quotes and
     * backslashes, as {@code _}.
     */
    public static String contentDisposition(String name) {
        String clean = FileNames.clean(name);
        StringBuilder ascii = new StringBuilder(clean.length());
        clean.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + percentEncoded(clean);
    }

    /** RFC 5987 value characters: ALPHA, DIGIT and {@code !#$&+-.^_`|~} as they are, every other byte of the UTF-8 as %XX. */
    static String percentEncoded(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
