package org.mosaiccrm.search.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One record as search sees it.
 *
 * @param id       the record id
 * @param title    what a hit shows as its title (a person's name, an organization's name)
 * @param text     further free text to match and to take the snippet from
 * @param emails   email addresses, found by exact address as well as by words
 * @param phones   phone numbers as entered; found by their digits
 * @param domains  internet domains, found exactly (and by words)
 * @param fields   values to filter on, by field name (lifecycle stage, tags, …)
 * @param ownerId  owner of the record, for access
 * @param teamId   team of the record, for access; a record with neither owner nor team is the
 *                 company's (a product of the price list) and found by everyone who may read its type
 * @see #of(String, String) the builder indexers use, which leaves out absent values
 */
public record SearchDocument(String id, String title, String text, List<String> emails, List<String> phones,
        List<String> domains, Map<String, List<String>> fields, String ownerId, String teamId) {

    public SearchDocument {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        emails = List.copyOf(emails == null ? List.of() : emails);
        phones = List.copyOf(phones == null ? List.of() : phones);
        domains = List.copyOf(domains == null ? List.of() : domains);
        fields = Map.copyOf(fields == null ? Map.of() : fields);
    }

    /** A document for the record {@code id} shown as {@code title}; the rest is added by the builder. */
    public static Builder of(String id, String title) {
        return new Builder(id, title);
    }

    /**
     * Builds a document from a record's values, most of them optional: a {@code null} or blank
     * value is left out everywhere, so an indexer passes its getters as they are.
     */
    public static final class Builder {

        private final String id;
        private final String title;
        private final List<String> text = new ArrayList<>();
        private final List<String> emails = new ArrayList<>();
        private final List<String> phones = new ArrayList<>();
        private final List<String> domains = new ArrayList<>();
        private final Map<String, List<String>> fields = new LinkedHashMap<>();
        private String ownerId;
        private String teamId;

        private Builder(String id, String title) {
            this.id = id;
            this.title = title;
        }

        /** Free text, one line per present part. */
        public Builder text(String... parts) {
            add(text, java.util.Arrays.asList(parts));
            return this;
        }

        public Builder emails(Collection<String> values) {
            add(emails, values);
            return this;
        }

        public Builder email(String value) {
            add(emails, value == null ? List.of() : List.of(value));
            return this;
        }

        public Builder phones(Collection<String> values) {
            add(phones, values);
            return this;
        }

        public Builder phone(String value) {
            add(phones, value == null ? List.of() : List.of(value));
            return this;
        }

        public Builder domain(String value) {
            add(domains, value == null ? List.of() : List.of(value));
            return this;
        }

        /** A value to filter on; an absent one is not a value. */
        public Builder field(String name, String value) {
            if (value != null && !value.isBlank()) {
                fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
            return this;
        }

        /** Owner and team, for access; neither means the company's record (see the record's doc). */
        public Builder access(String owner, String team) {
            this.ownerId = owner;
            this.teamId = team;
            return this;
        }

        public SearchDocument build() {
            Map<String, List<String>> copied = new LinkedHashMap<>();
            fields.forEach((k, v) -> copied.put(k, List.copyOf(v)));
            return new SearchDocument(id, title, String.join("\n", text), emails, phones, domains, copied, ownerId, teamId);
        }

        private static void add(List<String> into, Collection<String> values) {
            for (String v : values) {
                if (v != null && !v.isBlank()) {
                    into.add(v);
                }
            }
        }
    }
}
