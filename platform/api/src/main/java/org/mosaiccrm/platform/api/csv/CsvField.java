package org.mosaiccrm.platform.api.csv;

/**
 * A field a CSV column can fill, as an import's mapping step offers it.
 *
 * @param key the column's name in the form ({@code firstName}, {@code cf.region})
 * @param label what the pages call it, in the language asked for
 * @param required whether a new record needs it
 */
public record CsvField(String key, String label, boolean required) {
}
