package org.mosaiccrm.campaigns.impl;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.ActivityType;
import org.mosaiccrm.contacts.api.Audience;
import org.mosaiccrm.contacts.api.Direction;
import org.mosaiccrm.contacts.api.NewActivity;
import org.mosaiccrm.contacts.api.Timeline;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/campaigns/t/…}: what recipients' mail programs reach without signing in. The
 * open pixel ({@code o/{token}}); the click redirect ({@code c/{token}?u=&s=}), which follows
 * only an address signed for that recipient (anything else is 404: never an open redirect); the
 * unsubscribe address ({@code u/{token}}), where GET only shows a page with a confirm button —
 * link checkers that follow links unsubscribe nobody — and POST (the button, or a mail program's
 * RFC 8058 one-click) unsubscribes at once and records the consent withdrawn on the person. Each
 * first response becomes an activity on the person's timeline, written as the person's owner.
 */
@Component(service = TrackingResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("campaigns/t")
public class TrackingResource {

    private static final Logger LOG = LoggerFactory.getLogger(TrackingResource.class);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** A transparent 1×1 GIF. */
    private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private Timeline timeline;

    @Reference
    private Audience audience;

    @Reference
    private FollowUps followUps;

    @GET
    @Path("o/{token}")
    @Produces("image/gif")
    @ApiAnswer(value = String.class, type = "image/gif")
    public Response opened(@PathParam("token") String token) {
        Found found = respond(token, CampaignRecipient::getOpenedAt, CampaignRecipient::setOpenedAt);
        if (found == null) {
            return notFound();
        }
        if (found.first()) {
            activity(found, "Campaign opened: " + found.campaignName(), "Opens are approximate: mail programs that load images count, others do not.");
        }
        return Response.ok(PIXEL, "image/gif").header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("c/{token}")
    @ApiAnswer(status = 302)
    public Response clicked(@PathParam("token") String token, @QueryParam("u") String url, @QueryParam("s") String signature) {
        String key = TOKEN.matcher(token).matches() ? persistence.read(ctx -> {
            CampaignRecipient r = byToken(ctx, token);
            Campaign c = r == null ? null : CampaignSender.byId(ctx, r.getCampaignId());
            return c == null ? null : c.getTrackingKey();
        }) : null;
        if (key == null || !TrackedLinks.verify(key, token, url, signature)) {
            return notFound();
        }
        Found found = respond(token, CampaignRecipient::getClickedAt, CampaignRecipient::setClickedAt);
        if (found != null) {
            activity(found, "Campaign link clicked: " + found.campaignName(), url);
            // Every click, not only the first: the first may have been on a link that does not count.
            try {
                followUps.responded(found.recipientId(), "click", url);
            } catch (RuntimeException e) {
                // The reader still gets where the link goes; the click stays recorded on the recipient.
                LOG.warn("No follow-up for a campaign click: {}", e.getMessage());
            }
        }
        return Response.status(302).location(URI.create(url)).header("Cache-Control", "no-store").build();
    }

    /** A page asking to confirm; changes nothing. */
    @GET
    @Path("u/{token}")
    @Produces(MediaType.TEXT_HTML)
    @ApiAnswer(value = String.class, type = MediaType.TEXT_HTML)
    public Response unsubscribePage(@PathParam("token") String token) {
        boolean known = TOKEN.matcher(token).matches() && persistence.read(ctx -> byToken(ctx, token)) != null;
        if (!known) {
            return notFound();
        }
        return page("Unsubscribe", "<h1>Unsubscribe</h1><p>Do you want to stop receiving these emails?</p>"
                + "<form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>");
    }

    /** Unsubscribes at once: the confirm button, or a mail program's one-click POST ({@code List-Unsubscribe=One-Click}). */
    @POST
    @Path("u/{token}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_HTML)
    @ApiAnswer(value = String.class, type = MediaType.TEXT_HTML)
    public Response unsubscribe(@PathParam("token") String token, String ignoredBody) {
        Found found = respond(token, CampaignRecipient::getUnsubscribedAt, CampaignRecipient::setUnsubscribedAt);
        if (found == null) {
            return notFound();
        }
        if (found.first()) {
            asOwner(found, () -> {
                if (!audience.withdrawEmailConsent(found.personId(), found.at(), "unsubscribe link of the campaign " + found.campaignName())) {
                    LOG.warn("Recipient {} unsubscribed, but their person is gone or out of their owner's reach", token.substring(0, 6));
                }
                appendActivity(found, "Unsubscribed: " + found.campaignName(), null);
            });
        }
        return page("Unsubscribed", "<h1>You are unsubscribed</h1><p>You will not receive these emails any more.</p>");
    }

    /** What a response found: the recipient's person and owner, the campaign, and whether it is the first of its kind. */
    private record Found(String recipientId, String personId, String ownerId, String campaignName, boolean first, Instant at) {
    }

    /** Records the response's time on the recipient if it is the first; null for an unknown token. */
    private Found respond(String token, Function<CampaignRecipient, LocalDateTime> get, BiConsumer<CampaignRecipient, LocalDateTime> set) {
        if (!TOKEN.matcher(token).matches()) {
            return null;
        }
        return persistence.write(ctx -> {
            CampaignRecipient r = byToken(ctx, token);
            if (r == null) {
                return null;
            }
            Campaign c = CampaignSender.byId(ctx, r.getCampaignId());
            LocalDateTime now = Sql.now();
            boolean first = get.apply(r) == null;
            if (first) {
                set.accept(r, now);
            }
            return new Found(r.getId(), r.getPersonId(), r.getPersonOwnerId(), c == null ? "" : c.getName(), first, Sql.instant(now));
        });
    }

    private void activity(Found found, String subject, String body) {
        if (found.first()) {
            asOwner(found, () -> appendActivity(found, subject, body));
        }
    }

    private void appendActivity(Found found, String subject, String body) {
        try {
            timeline.append(new NewActivity(ActivityType.EMAIL, Direction.INBOUND, subject, body, found.at(), found.personId(), null, List.of(),
                    CampaignsModule.ID));
        } catch (RuntimeException e) {
            LOG.debug("No timeline entry for a campaign response: {}", e.getMessage());
        }
    }

    /** Work on the person as their owner, who reaches them whatever team sent the campaign. */
    private void asOwner(Found found, Runnable work) {
        UserPrincipal owner = found.ownerId() == null ? null : access.findUser(found.ownerId()).orElse(null);
        if (owner == null) {
            LOG.warn("A campaign response of a person whose owner is gone is kept on the recipient only");
            return;
        }
        access.runAs(owner, () -> {
            work.run();
            return null;
        });
    }

    private static CampaignRecipient byToken(org.apache.cayenne.ObjectContext ctx, String token) {
        return ObjectSelect.query(CampaignRecipient.class).where(CampaignRecipient.TOKEN.eq(token)).selectOne(ctx);
    }

    private static Response notFound() {
        return Response.status(404).type(MediaType.TEXT_PLAIN).entity("Not found").build();
    }

    private static Response page(String title, String body) {
        return PublicPages.page(200, title, body);
    }
}
