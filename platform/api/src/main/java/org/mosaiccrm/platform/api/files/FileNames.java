package org.mosaiccrm.platform.api.files;

import java.text.Normalizer;

/**
 * File names as they are stored and offered for download: what a browser, a mail program or an
 * attacker sent, made harmless. No path (only what follows the last {@code /} or {@code \}), no
 * control or format characters (a right-to-left override would make {@code exe.pdf} read
 * {@code fdp.exe}), none of {@code <>:"|?*}, no leading or trailing dots and spaces (hidden
 * files, Windows' trimming), at most {@value #MAX_LENGTH} characters with the extension kept.
 * Letters of every script stay as they are (NFC).
 */
public final class FileNames {

    public static final int MAX_LENGTH = 255;
    /** The name of a file whose name was empty, or nothing but what was taken out. */
    public static final String UNNAMED = "file";

    private FileNames() {
    }

    public static String clean(String name) {
        if (name == null) {
            return UNNAMED;
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        base = Normalizer.normalize(base, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(base.length());
        base.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                return;
            }
            if ("<>:\"|?*".indexOf(c) >= 0) {
                out.append('_');
            } else if (Character.isWhitespace(c)) {
                out.append(' ');
            } else {
                out.appendCodePoint(c);
            }
        });
        String cleaned = trim(out.toString().replaceAll(" {2,}", " "));
        if (cleaned.isEmpty()) {
            return UNNAMED;
        }
        return shorten(cleaned);
    }

    /** Without dots and spaces at either end. */
    private static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == '.' || s.charAt(from) == ' ')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == '.' || s.charAt(to - 1) == ' ')) {
            to--;
        }
        return s.substring(from, to);
    }

    /** At most MAX_LENGTH characters (UTF-16 units, never splitting a pair), the extension kept. */
    private static String shorten(String s) {
        if (s.length() <= MAX_LENGTH) {
            return s;
        }
        int dot = s.lastIndexOf('.');
        String extension = dot > 0 && s.length() - dot <= 16 ? s.substring(dot) : "";
        int keep = MAX_LENGTH - extension.length();
        if (Character.isHighSurrogate(s.charAt(keep - 1))) {
            keep--;
        }
        return trim(s.substring(0, keep)) + extension;
    }

    /** The extension, lower case, without the dot; empty when there is none. */
    public static String extension(String name) {
        int dot = name == null ? -1 : name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
