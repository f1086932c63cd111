package org.mosaiccrm.tickets.impl;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.contacts.api.ActivityType;
import org.mosaiccrm.contacts.api.Direction;
import org.mosaiccrm.contacts.api.NewActivity;
import org.mosaiccrm.contacts.api.Timeline;
import org.mosaiccrm.platform.api.i18n.Translations;
import org.mosaiccrm.platform.api.mail.Mailer;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.LinkTokens;
import org.mosaiccrm.tickets.api.TicketStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The customer's satisfaction rating (CSAT) of a solved ticket: a score of 1 to 5 and a comment,
 * given from the portal or through the link mailed when the ticket was solved. A rating may be
 * given while the ticket is solved and given again, each replacing the one before; once the
 * ticket is closed it stands (a closed ticket never rated may still be rated once). Each rating
 * goes on the requester's timeline like the ticket's other activity. The link is bound to its
 * ticket by the platform's link tokens: only its hash is stored, it expires
 * ({@code mosaic.tickets.ratingLinkSeconds}, 30 days), and a ticket solved again gets a new link
 * that ends the earlier one.
 */
@Component(service = TicketSatisfaction.class)
public class TicketSatisfaction {

    static final String PURPOSE = "rating";
    static final Set<String> FIELDS = Set.of("score", "comment");
    static final int COMMENT_MAX = 2000;

    /** A rating as given. */
    record Rating(int score, String comment) {
    }

    @Reference
    private Timeline timeline;

    @Reference
    private LinkTokens links;

    @Reference
    private Mailer mailer;

    /** The web shell's texts; without them (no shell yet) the rating is asked for in the portal only. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Translations translations;

    @Reference
    private TicketMail mail;

    /** A rating from a request's body; every bad field is named (400). */
    static Rating read(FieldReader in) {
        Integer score = in.integer("score", 1, 5);
        if (score == null && in.raw("score") == null) {
            in.required("score");
        }
        String comment = in.verbatim("comment", COMMENT_MAX);
        in.requireValid();
        return new Rating(score, comment == null || comment.isBlank() ? null : comment.strip());
    }

    /**
     * Puts the rating on the ticket in {@code ctx}'s transaction, with its timeline entry; 409 while
     * the ticket is not solved, once it is closed with a rating, or when it was merged into another.
     */
    void rate(ObjectContext ctx, Ticket t, Rating rating, Instant now) {
        TicketStatus status = TicketStatus.ofCode(t.getStatus());
        if (t.getMergedInto() != null) {
            throw Problems.conflict("tickets.ratingMerged", "This ticket was merged into another: rate that one.");
        }
        if (status == TicketStatus.CLOSED && t.getRatedAt() != null) {
            throw Problems.conflict("tickets.ratingClosed", "This ticket is closed and was rated already.");
        }
        if (status != TicketStatus.SOLVED && status != TicketStatus.CLOSED) {
            throw Problems.conflict("tickets.ratingNotSolved", "A ticket can be rated once it is solved.");
        }
        t.setSatisfactionScore(rating.score());
        t.setSatisfactionComment(rating.comment());
        t.setRatedAt(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
        timeline.append(new NewActivity(ActivityType.NOTE, Direction.INBOUND, "Rated ticket " + t.displayName() + ": " + rating.score()
                + " of 5", rating.comment(), now, t.getRequesterId(), t.getOrganizationId(), List.of(), TicketsModule.ID));
    }

    /** What the audit keeps of a rating. */
    static Map<String, Object> audited(Ticket t, Rating rating, String via) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("score", rating.score());
        detail.put("via", via);
        detail.put("personId", t.getRequesterId());
        return detail;
    }

    /**
     * The ticket was solved just now: a new rating link (the earlier one ends) mailed to its
     * requester in this transaction — when mail and the public address are set up and the
     * requester has an address; otherwise they rate from the portal.
     */
    void solved(ObjectContext ctx, Ticket t) {
        URI base = mailer.publicUrl();
        Translations texts = translations;
        if (base == null || !mailer.configured() || texts == null) {
            return;
        }
        LinkTokens.Issued link = links.issue(ctx, PURPOSE, t.getId(), Duration.ofSeconds(Long.getLong("mosaic.tickets.ratingLinkSeconds",
                Duration.ofDays(30).toSeconds())));
        // In the company's language: a customer has no language of their own here.
        String text = texts.text(texts.languageFor(null, null), "tickets.mail.rating", Map.of("number", t.getNumber(),
                "subject", t.getSubject(), "link", base + "/portal#rate=" + link.token(),
                "until", DateTimeFormatter.ISO_LOCAL_DATE.format(link.expiresAt().atOffset(ZoneOffset.UTC))));
        mail.askForRating(ctx, t, text);
    }

    /** The ticket a rating link is for (404 when the link is unknown: forged, mistyped, or of another kind; 400 when it ended). */
    String ticketOf(ObjectContext ctx, String token) {
        LinkTokens.Found found = links.find(ctx, PURPOSE, token);
        switch (found.state()) {
            case VALID -> {
                return found.recordId();
            }
            case EXPIRED -> throw Problems.of(400, "rating-link-expired", "Rating link expired",
                    "This rating link expired: sign in to the portal to rate the ticket.");
            case REPLACED, REVOKED, USED -> throw Problems.of(400, "rating-link-ended", "Rating link replaced",
                    "A newer rating link was sent for this ticket: open the link of the latest mail.");
            default -> throw Problems.of(404, "rating-link-unknown", "Unknown rating link",
                    "This is not a rating link: copy the whole link from the mail.");
        }
    }
}
