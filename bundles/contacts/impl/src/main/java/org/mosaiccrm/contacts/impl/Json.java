package org.mosaiccrm.contacts.impl;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON columns of contact records (emails, phones, addresses, tags, custom values). */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One value of each entry of a stored list ({@code number} of the phones) as one CSV cell. */
    static String cells(String listJson, String key) {
        return org.mosaiccrm.platform.api.csv.CsvCells.join(listOfMaps(listJson).stream().map(e -> e.get(key)).toList());
    }

    static List<Map<String, String>> listOfMaps(String json) {
        return read(json, new TypeReference<List<Map<String, String>>>() { }, List.of());
    }

    static List<String> strings(String json) {
        return read(json, new TypeReference<List<String>>() { }, List.of());
    }

    static Map<String, Object> object(String json) {
        return read(json, new TypeReference<Map<String, Object>>() { }, Map.of());
    }

    private static <T> T read(String json, TypeReference<T> type, T empty) {
        if (json == null || json.isEmpty()) {
            return empty;
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("A contacts column holds malformed JSON", e);
        }
    }
}
