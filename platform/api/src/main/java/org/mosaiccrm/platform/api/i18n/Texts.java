package org.mosaiccrm.platform.api.i18n;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills a message's {@code {name}} placeholders, the way the pages' {@code t(key, params)} does. */
public final class Texts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    private Texts() {
    }

    /** The pattern with each {@code {name}} replaced by its parameter; unknown names stay as written. */
    public static String format(String pattern, Map<String, ?> params) {
        if (pattern == null || params == null || params.isEmpty()) {
            return pattern;
        }
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = params.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null && !params.containsKey(m.group(1))
                    ? m.group() : String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
