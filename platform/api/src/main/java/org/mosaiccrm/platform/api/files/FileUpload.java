package org.mosaiccrm.platform.api.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import org.mosaiccrm.platform.api.rest.ProblemException;
import org.mosaiccrm.platform.api.rest.Problems;

/**
 * A file received (an upload's part, a mail's attachment) and not stored yet: its cleaned name,
 * the type it will be served as, and its bytes, which are never more than the limit it was read
 * under.
 */
public record FileUpload(String name, String contentType, byte[] content) {

    public FileUpload {
        name = FileNames.clean(name);
        contentType = FileTypes.served(name, contentType);
        if (content == null) {
            throw new IllegalArgumentException("A file needs its bytes");
        }
    }

    public long size() {
        return content.length;
    }

    /**
     * Reads a file from a stream, stopping as soon as it holds more than {@code maxBytes}: an
     * upload is never held beyond the limit, however large it is.
     *
     * @throws ProblemException 413 naming the file when it is larger than the limit
     */
    public static FileUpload read(String name, String contentType, InputStream in, long maxBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(maxBytes + 1, 64 * 1024));
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0;) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge(FileNames.clean(name), maxBytes);
            }
            bytes.write(buffer, 0, n);
        }
        return new FileUpload(name, contentType, bytes.toByteArray());
    }

    /** 413 for a file over the limit, naming it; the code {@code fileTooLarge} with {@code name} and {@code limitMb} for clients' own words. */
    public static ProblemException tooLarge(String name, long maxBytes) {
        String limit = megabytes(maxBytes);
        return Problems.of(413, "file-too-large", "File too large", "The file \"" + name + "\" is larger than the limit of " + limit
                + " MB.", "fileTooLarge", "name", name, "limitMb", limit);
    }

    /** A size in MB (of 1,048,576 bytes, as MOSAIC_ATTACHMENT_MAX_MB counts them) for people, without trailing zeros. */
    public static String megabytes(long bytes) {
        return java.math.BigDecimal.valueOf(bytes).divide(java.math.BigDecimal.valueOf(1024L * 1024L), 2, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }
}
