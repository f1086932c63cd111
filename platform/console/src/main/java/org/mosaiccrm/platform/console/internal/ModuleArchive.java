package org.mosaiccrm.platform.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The checks an uploaded module archive passes before Karaf sees it: a plain file name ending
 * in {@code .kar}, a size within the limit, and a zip that holds at least one Karaf features
 * repository below {@code repository/}.
 */
final class ModuleArchive {

    static final long MAX_BYTES = 64L * 1024 * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,120}\\.kar");

    private ModuleArchive() {
    }

    static boolean isValidName(String fileName) {
        return fileName != null && NAME.matcher(fileName).matches();
    }

    /** Copies at most {@link #MAX_BYTES} of the body; false when the body is longer. */
    static boolean copyLimited(InputStream body, Path target) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = body.read(buffer)) >= 0) {
                total += n;
                if (total > MAX_BYTES) {
                    return false;
                }
                out.write(buffer, 0, n);
            }
        }
        return true;
    }

    /** Null when the file is a .kar with a features repository, else why it is not. */
    static String problem(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.isDirectory() && e.getName().startsWith("repository/") && e.getName().endsWith(".xml")
                        && isFeaturesRepository(zip, e)) {
                    return null;
                }
            }
            return "The archive holds no Karaf features repository below repository/.";
        } catch (ZipException e) {
            return "The file is not a .kar archive (not a zip file).";
        } catch (IOException e) {
            return "The archive could not be read.";
        }
    }

    private static boolean isFeaturesRepository(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            String head = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            return head.contains("<features") && head.contains("karaf.apache.org/xmlns/features");
        }
    }
}
