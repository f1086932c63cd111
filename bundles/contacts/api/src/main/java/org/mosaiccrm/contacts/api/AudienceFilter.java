package org.mosaiccrm.contacts.api;

import java.util.List;

/**
 * People matching {@code rules}, all of them ({@code all}) or any; no rules match everyone.
 * {@code mailable} keeps only people a campaign may mail: with an address, consent to mail
 * not withdrawn, and an address that has not bounced for good ({@link Audience#markUndeliverable}).
 *
 * @since 1.2
 */
public record AudienceFilter(boolean all, List<AudienceRule> rules, boolean mailable) {

    public AudienceFilter {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
