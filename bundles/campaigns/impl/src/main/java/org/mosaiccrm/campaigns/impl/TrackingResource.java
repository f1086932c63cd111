package org.mosaiccrm.campaigns.impl;

import java.net.URI;
import java.time.LocalDateTime;
import java.util.Base64;
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
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
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
 * first response becomes an activity on the person's timeline ({@link Responses}).
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
    private Responses responses;

    @Reference
    private FollowUps followUps;

    @GET
    @Path("o/{token}")
    @Produces("image/gif")
    @ApiAnswer(value = String.class, type = "image/gif")
    public Response opened(@PathParam("token") String token) {
        Responses.Found found = respond(token, CampaignRecipient::getOpenedAt, CampaignRecipient::setOpenedAt);
        if (found == null) {
            return notFound();
        }
        responses.activity(found, "Campaign opened: " + found.campaignName(),
                "Opens are approximate: mail programs that load images count, others do not.");
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
        Responses.Found found = respond(token, CampaignRecipient::getClickedAt, CampaignRecipient::setClickedAt);
        if (found != null) {
            responses.activity(found, "Campaign link clicked: " + found.campaignName(), url);
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
        Responses.Found found = respond(token, CampaignRecipient::getUnsubscribedAt, CampaignRecipient::setUnsubscribedAt);
        if (found == null) {
            return notFound();
        }
        responses.unsubscribed(found, "unsubscribe link");
        return page("Unsubscribed", "<h1>You are unsubscribed</h1><p>You will not receive these emails any more.</p>");
    }

    private Responses.Found respond(String token, Function<CampaignRecipient, LocalDateTime> get,
            BiConsumer<CampaignRecipient, LocalDateTime> set) {
        return TOKEN.matcher(token).matches() ? responses.respond(CampaignRecipient.TOKEN.eq(token), get, set) : null;
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
