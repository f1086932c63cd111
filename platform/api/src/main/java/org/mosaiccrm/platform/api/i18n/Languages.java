package org.mosaiccrm.platform.api.i18n;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The languages every text of Mosaic exists in, and how a request's language is chosen. */
public final class Languages {

    /** English: the language of the code, and the fallback for a key another language lacks. */
    public static final String DEFAULT = "en";

    /** English first. */
    public static final List<String> SUPPORTED = List.of("en", "es", "ru", "sl", "tl");

    private Languages() {
    }

    public static boolean isSupported(String code) {
        return code != null && SUPPORTED.contains(code);
    }

    /**
     * The language of a request, by the web shell's rule: the signed-in user's own choice, else
     * the first language of the browser's {@code Accept-Language} Mosaic speaks, else the
     * company's language, else English. Any of the three may be null.
     */
    public static String choose(String userLanguage, String acceptLanguage, String companyLanguage) {
        if (isSupported(userLanguage)) {
            return userLanguage;
        }
        String accepted = fromAcceptLanguage(acceptLanguage);
        if (accepted != null) {
            return accepted;
        }
        return isSupported(companyLanguage) ? companyLanguage : DEFAULT;
    }

    /**
     * The most wanted language of an {@code Accept-Language} header (RFC 9110: by quality, then
     * in the order given) that Mosaic speaks, matched by its primary tag ({@code sl-SI} is
     * {@code sl}; Filipino, {@code fil}, is read as Tagalog); null when there is none.
     */
    public static String fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        record Range(String code, double quality, int order) {
        }
        List<Range> ranges = new ArrayList<>();
        String[] parts = header.split(",");
        for (int i = 0; i < parts.length && i < 50; i++) {
            String[] pieces = parts[i].trim().split(";");
            String tag = pieces[0].trim().toLowerCase(Locale.ROOT);
            double quality = 1;
            for (int p = 1; p < pieces.length; p++) {
                String param = pieces[p].trim();
                if (param.startsWith("q=")) {
                    try {
                        quality = Double.parseDouble(param.substring(2));
                    } catch (NumberFormatException e) {
                        quality = 0;
                    }
                }
            }
            String base = tag.split("-")[0];
            String code = base.equals("fil") ? "tl" : base;
            if (quality > 0 && isSupported(code)) {
                ranges.add(new Range(code, quality, i));
            }
        }
        return ranges.stream().min(Comparator.comparingDouble((Range r) -> -r.quality()).thenComparingInt(Range::order))
                .map(Range::code).orElse(null);
    }
}
