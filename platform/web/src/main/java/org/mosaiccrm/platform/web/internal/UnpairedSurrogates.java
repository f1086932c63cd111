package org.mosaiccrm.platform.web.internal;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds text that is not Unicode: a UTF-16 surrogate without its other half, which JSON lets
 * through as an escape ({@code "\ud800"}) and Jackson as CESU-style UTF-8 bytes. Stored, such
 * text breaks every later answer, export or index that encodes it, so a body holding one is
 * refused, naming the field.
 */
final class UnpairedSurrogates {

    private UnpairedSurrogates() {
    }

    /**
     * A quick look at the raw body: false when it certainly holds no surrogate escape and no
     * UTF-8-encoded surrogate (almost every body); true when the parsed body must be searched.
     */
    static boolean mayHold(byte[] json) {
        for (int i = 0; i < json.length; i++) {
            int b = json[i] & 0xFF;
            if (b == 0) {
                return true; // UTF-16 or UTF-32: only the parsed text tells
            }
            if (b == 0xED && i + 1 < json.length && (json[i + 1] & 0xE0) == 0xA0) {
                return true; // ED A0..BF: a surrogate encoded in UTF-8
            }
            if (b == '\\' && i + 3 < json.length && json[i + 1] == 'u' && (json[i + 2] | 0x20) == 'd'
                    && "89abcdefABCDEF".indexOf(json[i + 3]) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The field (as problems name fields: {@code a.b[2].c}) whose key or text holds an unpaired surrogate; null when none does. */
    static String find(JsonNode node) {
        return find(node, "");
    }

    private static String find(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return has(node.textValue()) ? (path.isEmpty() ? "(body)" : path) : null;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = find(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                // The name goes into the answer, which must itself be valid Unicode.
                String name = path.isEmpty() ? printable(field.getKey()) : path + "." + printable(field.getKey());
                String found = has(field.getKey()) ? name : find(field.getValue(), name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static boolean has(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** The text with each unpaired surrogate replaced by U+FFFD. */
    private static String printable(String text) {
        if (!has(text)) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                sb.append(c).append(text.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }
}
