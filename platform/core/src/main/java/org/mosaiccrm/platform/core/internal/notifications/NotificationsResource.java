package org.mosaiccrm.platform.core.internal.notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.util.Map;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.apache.cayenne.DataRow;
import org.mosaiccrm.platform.api.mail.Mailer;
import org.mosaiccrm.platform.core.internal.preferences.PreferencesResource;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.PageRequest;
import org.mosaiccrm.platform.api.persistence.Sort;
import org.mosaiccrm.platform.api.persistence.SqlKeyset;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code /api/v1/notifications}: the signed-in user's notifications, newest first. */
@Component(service = NotificationsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsResource {

    public record Notification(String id, String title, String body, String link, Instant createdAt, Instant readAt) {
    }

    /**
     * How the user gets their notifications besides the app: {@code email} whether they chose to
     * get them by mail too, {@code address} where they would go (null: the account has none, so
     * none are mailed), {@code mailConfigured} whether Mosaic can send mail at all.
     */
    public record Delivery(boolean email, String address, boolean mailConfigured) {
    }

    private static final Sort NEWEST_FIRST = SqlKeyset.newestFirstBy("createdAt");

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Mailer mailer;

    @GET
    @Path("delivery")
    public Delivery delivery() {
        UserPrincipal user = access.currentUser();
        return delivery(user, persistence.read(ctx -> NotificationsImpl.chosen(ctx, user.id())));
    }

    /** {@code {"email": true}}: the user's notifications are mailed to them too, from the next one on; false stops it. */
    @PUT
    @Path("delivery")
    @Consumes(MediaType.APPLICATION_JSON)
    public Delivery choose(Map<String, Object> body) {
        UserPrincipal user = access.currentUser();
        FieldReader in = FieldReader.of(body, Set.of("email"), "notification delivery");
        Boolean email = in.flag("email");
        if (email == null) {
            in.required("email");
        }
        in.requireValid();
        persistence.write(ctx -> {
            PreferencesResource.keep(ctx, user.id(), NotificationsImpl.EMAIL_PREFERENCE, Boolean.toString(email));
            return null;
        });
        return delivery(user, email);
    }

    private Delivery delivery(UserPrincipal user, boolean email) {
        Mailer mail = mailer;
        return new Delivery(email, access.mailAddress(user.id()).orElse(null), mail != null && mail.configured());
    }

    @GET
    public ListPage<Notification> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("unread") Boolean unread) {
        UserPrincipal user = access.currentUser();
        PageRequest page = PageRequest.parse(limit, cursor);
        String where = "USER_ID = ?" + (Boolean.TRUE.equals(unread) ? " AND READ_AT IS NULL" : "");
        // Newest first by keyset: a user's notifications only grow, and a later page never repeats or skips one.
        return persistence.read(ctx -> SqlKeyset.newestFirst(ctx, page, NEWEST_FIRST, "MOSAIC_NOTIFICATION", "CREATED_AT",
                "ID, TITLE, BODY, LINK, CREATED_AT, READ_AT", where, List.of(user.id()),
                r -> new Notification(Sql.str(r, "ID"), Sql.str(r, "TITLE"), Sql.str(r, "BODY"), Sql.str(r, "LINK"),
                        instant(r.get("CREATED_AT")), instant(r.get("READ_AT")))));
    }

    @POST
    @Path("{id}/read")
    @ApiAnswer(status = 204)
    public Response markRead(@PathParam("id") String id) {
        UserPrincipal user = access.currentUser();
        int changed = persistence.write(ctx -> Sql.exec(ctx,
                "UPDATE MOSAIC_NOTIFICATION SET READ_AT = ? WHERE ID = ? AND USER_ID = ? AND READ_AT IS NULL",
                Sql.ts(Sql.now()), id, user.id()));
        if (changed == 0 && persistence.read(ctx -> Sql.count(ctx,
                "SELECT COUNT(*) FROM MOSAIC_NOTIFICATION WHERE ID = ? AND USER_ID = ?", id, user.id())) == 0) {
            throw Problems.notFound("notification", id);
        }
        return Response.noContent().build();
    }

    private static Instant instant(Object value) {
        return Sql.instant(value);
    }
}
