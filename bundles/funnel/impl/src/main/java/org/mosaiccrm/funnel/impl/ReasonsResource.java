package org.mosaiccrm.funnel.impl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.funnel.api.StageKind;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/funnel/reasons}: the reasons deals are won and lost, {@code {"won":[…],"lost":[…]}},
 * kept by those with {@code funnel.admin}. While a kind has reasons, a deal closed as that kind
 * takes one of them (matched ignoring case, stored as listed); without any, its reason is free text.
 */
@Component(service = ReasonsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("funnel/reasons")
@Produces(MediaType.APPLICATION_JSON)
public class ReasonsResource {

    static final int MAX = 50;

    public record Reasons(List<String> won, List<String> lost) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @GET
    public Reasons list() {
        access.requirePermission(FunnelModule.READ);
        return persistence.read(ctx -> new Reasons(of(ctx, StageKind.WON), of(ctx, StageKind.LOST)));
    }

    @PUT
    @ApiBody(Reasons.class)
    public Reasons replace(Map<String, Object> body) {
        UserPrincipal user = access.requirePermission(FunnelModule.ADMIN);
        FieldReader in = FieldReader.of(body, Set.of("won", "lost"), "list of reasons");
        List<String> won = in.distinct("won", MAX, 200, "reason");
        List<String> lost = in.distinct("lost", MAX, 200, "reason");
        in.requireValid();
        persistence.write(ctx -> {
            if (in.has("won")) {
                store(ctx, user, StageKind.WON, won);
            }
            if (in.has("lost")) {
                store(ctx, user, StageKind.LOST, lost);
            }
            return null;
        });
        return list();
    }

    private void store(ObjectContext ctx, UserPrincipal user, StageKind kind, List<String> texts) {
        ctx.deleteObjects(ObjectSelect.query(CloseReason.class).where(CloseReason.KIND.eq(kind.code())).select(ctx));
        for (int i = 0; i < texts.size(); i++) {
            CloseReason r = ctx.newObject(CloseReason.class);
            r.setKind(kind.code());
            r.setText(texts.get(i));
            r.setPosition(i);
            access.assignOwnership(user, r, null, null);
        }
    }

    static List<String> of(ObjectContext ctx, StageKind kind) {
        return ObjectSelect.columnQuery(CloseReason.class, CloseReason.TEXT).where(CloseReason.KIND.eq(kind.code()))
                .orderBy(CloseReason.POSITION.asc()).select(ctx);
    }

    /**
     * The reason as listed for a deal closed as {@code kind}; the text as given when the kind has
     * no list; an error on the reader when the list does not have it.
     */
    static String check(ObjectContext ctx, StageKind kind, String reason, FieldReader in, String field) {
        if (reason == null || kind == StageKind.OPEN) {
            return reason;
        }
        List<String> listed = of(ctx, kind);
        if (listed.isEmpty()) {
            return reason;
        }
        for (String r : listed) {
            if (r.equalsIgnoreCase(reason.strip())) {
                return r;
            }
        }
        in.error(field, "must be one of the reasons deals are " + kind.code() + ": " + listed);
        return null;
    }


}
