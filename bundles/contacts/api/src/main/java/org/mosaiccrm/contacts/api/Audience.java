package org.mosaiccrm.contacts.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * People as the recipients of mail (a campaign, a preview of one), read by contacts for other
 * modules: single people, and those matching an {@link AudienceFilter} counted and read page by
 * page. Always within the current user's reach, the access rule inside the query.
 *
 * @since 1.2
 */
@ProviderType
public interface Audience {

    /** The person as a recipient, when they exist and the current user may reach them; empty otherwise. */
    Optional<Recipient> recipient(String personId);

    /**
     * The fields rules may test now, each with its operators and whether an operator takes a
     * value: contacts' own and those of the modules switched on ({@link AudienceCriterion}), for
     * an editor to offer. {@code custom} stands for {@code custom.<key>}.
     *
     * @since 1.5
     */
    java.util.Map<String, java.util.Map<String, Boolean>> fields();

    /** What is wrong with the filter's rules (unknown fields or operators, bad values); empty when it can be evaluated. */
    List<RuleProblem> check(AudienceFilter filter);

    /**
     * How many people within reach match.
     *
     * @throws IllegalArgumentException when {@link #check} finds problems
     */
    long count(AudienceFilter filter);

    /**
     * Up to {@code limit} (at most 1000) matching people within reach, ordered by id, after the
     * person {@code afterPersonId} (null to start): a keyset walk that stays correct while people
     * are added or removed.
     *
     * @throws IllegalArgumentException when {@link #check} finds problems
     */
    List<Recipient> page(AudienceFilter filter, String afterPersonId, int limit);

    /**
     * Records that the person withdrew consent to be mailed, when and through what (an
     * unsubscribe link, say): later filters with {@code mailable} leave them out. False when the
     * person does not exist or is outside the current user's reach.
     */
    boolean withdrawEmailConsent(String personId, java.time.Instant at, String source);

    /**
     * Records that the person gave consent to be mailed (a web form's box ticked), when and
     * through what. False when the person does not exist or is outside the current user's reach.
     *
     * @since 1.3
     */
    boolean grantEmailConsent(String personId, java.time.Instant at, String source);

    /**
     * Adds tags to the person (theirs stay; a tag they have in another case is not added again).
     * False when the person does not exist or is outside the current user's reach.
     *
     * @since 1.3
     */
    boolean addTags(String personId, java.util.Collection<String> tags);

    /**
     * Records that mail to {@code address} bounced for good (a hard bounce, 5.x.x): the people
     * within the current user's reach whose primary address it is are no longer mailable (filters
     * with {@code mailable} leave them out) until their primary address changes. Returns how many
     * people were marked.
     *
     * @param reason the receiving server's words, kept with the mark
     * @since 1.4
     */
    int markUndeliverable(String address, java.time.Instant at, String reason);
}
