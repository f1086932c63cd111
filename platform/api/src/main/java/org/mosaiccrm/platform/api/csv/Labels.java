package org.mosaiccrm.platform.api.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A module's UI messages in the five languages the pages speak, read from the module's own
 * bundle ({@code messages.properties}, {@code messages_es.properties} …, UTF-8), so that the
 * server knows a field by what its pages call it: an import matches a header such as
 * "Nombre" or "Имя" to the field, and a choice such as "Prospecto" to its value.
 */
public final class Labels {

    /** The languages of the pages, English first (the fallback). */
    public static final List<String> LANGUAGES = List.of("en", "es", "ru", "sl", "tl");

    private static final Labels NONE = new Labels(Map.of());

    private final Map<String, Properties> byLanguage;

    private Labels(Map<String, Properties> byLanguage) {
        this.byLanguage = byLanguage;
    }

    /** No labels: fields are known by their names only. */
    public static Labels none() {
        return NONE;
    }

    /**
     * The messages next to a class of the module: {@code path} is relative to the class's
     * package ({@code ui/messages} for {@code <package>/ui/messages_<language>.properties}).
     * A language whose file is missing is left out.
     */
    public static Labels of(Class<?> anchor, String path) {
        String base = anchor.getPackageName().replace('.', '/') + "/" + path;
        Map<String, Properties> found = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            String name = base + (language.equals("en") ? "" : "_" + language) + ".properties";
            try (InputStream in = anchor.getClassLoader().getResourceAsStream(name)) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                    found.put(language, p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + name, e);
            }
        }
        return new Labels(Map.copyOf(found));
    }

    /** Labels from texts in memory, by language then key (for tests and modules that build them). */
    public static Labels of(Map<String, Map<String, String>> texts) {
        Map<String, Properties> found = new LinkedHashMap<>();
        texts.forEach((language, keys) -> {
            Properties p = new Properties();
            p.putAll(keys);
            found.put(language, p);
        });
        return new Labels(Map.copyOf(found));
    }

    /** The key's text in every language that has it, English first, without repeats. */
    public List<String> all(String key) {
        Set<String> texts = new LinkedHashSet<>();
        for (String language : LANGUAGES) {
            Properties p = byLanguage.get(language);
            String text = p == null ? null : p.getProperty(key);
            if (text != null && !text.isBlank()) {
                texts.add(text.strip());
            }
        }
        return new ArrayList<>(texts);
    }

    /** The key's text in the language, else in English; null when neither has it. */
    public String text(String key, String language) {
        Properties p = byLanguage.get(language);
        String text = p == null ? null : p.getProperty(key);
        if (text == null && byLanguage.containsKey("en")) {
            text = byLanguage.get("en").getProperty(key);
        }
        return text;
    }
}
