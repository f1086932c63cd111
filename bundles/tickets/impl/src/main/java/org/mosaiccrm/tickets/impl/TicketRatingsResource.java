package org.mosaiccrm.tickets.impl;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/tickets/ratings}: the rating link mailed when a ticket was solved works without
 * signing in — the link's token is the customer's only credential, and it opens one ticket's
 * rating and nothing else: the answer names the ticket's number, subject and rating, never its
 * conversation. {@code /lookup} tells the portal's rating page which ticket the link is for.
 */
@Component(service = TicketRatingsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("tickets/ratings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketRatingsResource {

    /** What the link's holder learns: the ticket they rate and their rating so far. */
    public record RatedTicket(long number, String subject, String status, TicketSatisfactionView satisfaction) {

        static RatedTicket of(Ticket t) {
            return new RatedTicket(t.getNumber(), t.getSubject(), t.getStatus(), TicketSatisfactionView.of(t));
        }
    }

    /** For the OpenAPI document. */
    public record LinkRating(String token, Integer score, String comment) {
    }

    /** For the OpenAPI document. */
    public record LinkLookup(String token) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private AuditLog audit;

    @Reference
    private TicketSatisfaction satisfaction;

    @POST
    @Path("lookup")
    @ApiBody(LinkLookup.class)
    @ApiAnswer(status = 200, value = RatedTicket.class)
    public RatedTicket lookup(Map<String, Object> body) {
        FieldReader in = FieldReader.of(body, Set.of("token"), "rating");
        String token = token(in);
        in.requireValid();
        return persistence.read(ctx -> RatedTicket.of(ticket(ctx, satisfaction.ticketOf(ctx, token))));
    }

    /** Rates the link's ticket: {@code {"token","score","comment"}}; done as the ticket's owner, audited with the requester. */
    @POST
    @ApiBody(LinkRating.class)
    @ApiAnswer(status = 200, value = RatedTicket.class)
    public RatedTicket rate(Map<String, Object> body) {
        FieldReader in = FieldReader.of(body, Set.of("token", "score", "comment"), "rating");
        String token = token(in);
        TicketSatisfaction.Rating rating = TicketSatisfaction.read(in);
        Ticket found = persistence.read(ctx -> ticket(ctx, satisfaction.ticketOf(ctx, token)));
        UserPrincipal owner = access.findUser(found.getOwnerId()).orElseThrow(() -> Problems.of(503, "rating-unavailable",
                "Rating unavailable", "Your rating cannot be taken now: sign in to the portal or answer our mail."));
        Instant now = Sql.instant();
        // The record's own audit names the owner (the change is made as them); this entry names the link's customer.
        Ticket rated = access.runAs(owner, () -> persistence.write(ctx -> {
            Ticket t = ticket(ctx, satisfaction.ticketOf(ctx, token));
            satisfaction.rate(ctx, t, rating, now);
            return t;
        }));
        audit.record("tickets.ticket.rated", "ticket/" + rated.getId(), TicketSatisfaction.audited(rated, rating, "link"));
        return RatedTicket.of(rated);
    }

    private static String token(FieldReader in) {
        String token = in.text("token", 200);
        if (token == null) {
            in.required("token");
        }
        return token;
    }

    private static Ticket ticket(org.apache.cayenne.ObjectContext ctx, String id) {
        Ticket t = ObjectSelect.query(Ticket.class).where(MosaicRecord.ID.eq(id)).selectOne(ctx);
        if (t == null) {
            throw Problems.of(404, "rating-link-unknown", "Unknown rating link", "The ticket of this link is gone.");
        }
        return t;
    }
}
