package org.mosaiccrm.search.api;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Searches one record type's shared records (those indexed without owner and team) for a reader
 * who is not a staff user — a customer in the portal — and whom the caller vouches for: the
 * caller narrows the hits with the field values its own indexer wrote (published, public, …).
 * The same index, analysis, ranking and snippets as the global search.
 *
 * @since 1.4
 */
@ProviderType
public interface SharedSearch {

    /** One hit: the record's id and title, a snippet of the matching text. */
    record Hit(String id, String title, String snippet, float score) {
    }

    /**
     * The best hits, at most {@code limit}, of the shared records of {@code type} that match the
     * text and carry every field value of {@code fields} (compared without case); empty when the
     * type has no indexer now or the text has no word.
     */
    List<Hit> search(String type, String text, Map<String, String> fields, int limit);
}
