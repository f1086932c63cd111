package org.mosaiccrm.platform.api.fields;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The kinds of value an administrator can give a custom field; the id is what the API and the table hold. */
public enum FieldType {
    TEXT, NUMBER, DATE, BOOLEAN, CHOICE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type of an id from {@link #ids()}; an {@link IllegalArgumentException} for anything else. */
    public static FieldType of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    public static Set<String> ids() {
        return Arrays.stream(values()).map(FieldType::id).collect(Collectors.toCollection(TreeSet::new));
    }
}
