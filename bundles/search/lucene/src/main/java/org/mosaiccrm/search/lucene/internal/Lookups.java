package org.mosaiccrm.search.lucene.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.mosaiccrm.search.api.SearchDocument;

/**
 * Exact lookups by email address, phone number and internet domain: one keyword term per
 * value, built the same way for the index and for a query that looks like such a value.
 */
final class Lookups {

    /** Phone numbers match on this many trailing digits too, so that a national and an international spelling meet. */
    static final int PHONE_TAIL = 8;
    private static final Pattern DOMAIN = Pattern.compile("^(?:[\\p{L}\\d-]+\\.)+[\\p{L}]{2,}$");
    private static final Pattern PHONE = Pattern.compile("^[+\\d][\\d\\s()./-]{5,}$");

    private Lookups() {
    }

    /** The lookup terms of a document. */
    static List<String> of(SearchDocument doc) {
        List<String> terms = new ArrayList<>();
        for (String email : doc.emails()) {
            String e = email.trim().toLowerCase(Locale.ROOT);
            terms.add("email:" + e);
            int at = e.indexOf('@');
            if (at > 0) {
                terms.add("domain:" + e.substring(at + 1));
            }
        }
        for (String domain : doc.domains()) {
            terms.add("domain:" + domain(domain));
        }
        for (String phone : doc.phones()) {
            phoneTerms(digits(phone), terms);
        }
        return terms;
    }

    /** The lookup terms a query stands for, if it looks like an email, a domain or a phone number; else none. */
    static List<String> forQuery(String query) {
        String q = query.trim().toLowerCase(Locale.ROOT);
        List<String> terms = new ArrayList<>();
        if (q.contains("@") && !q.contains(" ")) {
            terms.add("email:" + q);
        } else if (DOMAIN.matcher(q).matches()) {
            terms.add("domain:" + domain(q));
        } else if (PHONE.matcher(q).matches()) {
            phoneTerms(digits(q), terms);
        }
        return terms;
    }

    private static void phoneTerms(String digits, List<String> terms) {
        if (digits.length() >= 6) {
            terms.add("tel:" + digits);
        }
        if (digits.length() >= PHONE_TAIL) {
            terms.add("tel8:" + digits.substring(digits.length() - PHONE_TAIL));
        }
    }

    private static String digits(String phone) {
        return phone.replaceAll("\\D", "");
    }

    private static String domain(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        return d.startsWith("www.") ? d.substring(4) : d;
    }
}
