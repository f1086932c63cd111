package org.mosaiccrm.search.api;

import java.util.Collection;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * How the records of one type become search documents. Registered as a DS service by the module
 * that owns the type; while it is registered the type is searchable, and the search module
 * follows the platform's change log entries whose module and type match {@link #module()} and
 * {@link #type()}. Methods read the database themselves and are called off request threads.
 */
@ConsumerType
public interface RecordIndexer {

    /** Id of the module whose changes this indexer follows (the DataMap name), e.g. {@code contacts}. */
    String module();

    /** The record type as the change log and events name it: the entity name in lower case, e.g. {@code person}. */
    String type();

    /** Permission a user needs to see hits of this type; administrators see every type. */
    String readPermission();

    /**
     * The current documents of these records; a record that no longer exists is left out, and
     * the search module then removes it from the index.
     */
    List<SearchDocument> documents(Collection<String> ids);

    /**
     * Up to {@code limit} documents with ids greater than {@code afterId} (null: from the
     * start), in ascending id order: how a rebuild pages through every record of the type.
     */
    List<SearchDocument> page(String afterId, int limit);

    /** How many records of the type exist, for the progress of a rebuild. */
    long count();

    /**
     * The address of a record's page in the web shell ({@code /funnel/deals/<id>}), which a
     * hit links to; null when the type has no page of its own. A default, so that indexers
     * written before hits carried links keep compiling.
     */
    default String page(String id) {
        return null;
    }

    /**
     * The key of the type's name in the module's UI messages, which pages show for a hit in the
     * user's language: {@code <module>.type.<type>} ({@code contacts.type.person=Person} in
     * {@code messages.properties}, {@code Oseba} in {@code messages_sl.properties}, …). A page
     * shows the type as it is when no message has the key.
     */
    default String typeKey() {
        return module() + ".type." + type();
    }
}
