package org.mosaiccrm.search.api;

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
}
