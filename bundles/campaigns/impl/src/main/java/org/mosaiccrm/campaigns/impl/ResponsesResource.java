package org.mosaiccrm.campaigns.impl;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /campaigns/{id}/responses?bucket=hour|day}: a campaign's responses over time for
 * its page's chart (see {@link ResponseBuckets}), for a campaign within the reader's reach.
 * Apart from CampaignsResource so the two change independently.
 */
@Component(service = ResponsesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class ResponsesResource {

    public record Responses(String bucket, List<String> series, List<ResponseBuckets.Point> points) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @GET
    @Path("{id}/responses")
    @ApiAnswer(Responses.class)
    public Responses responses(@PathParam("id") String id, @QueryParam("bucket") String bucket) {
        UserPrincipal user = access.requirePermission(CampaignsModule.READ);
        ChronoUnit unit = ResponseBuckets.unit(bucket);
        if (unit == null) {
            throw Problems.invalid("bucket", "must be hour or day");
        }
        List<Instant[]> times = persistence.read(ctx -> {
            Campaign c = Records.find(ctx, access, user, Campaign.class, id, "campaign");
            return ObjectSelect.columnQuery(CampaignRecipient.class, CampaignRecipient.OPENED_AT, CampaignRecipient.CLICKED_AT,
                    CampaignRecipient.REPLIED_AT, CampaignRecipient.BOUNCED_AT, CampaignRecipient.UNSUBSCRIBED_AT,
                    CampaignRecipient.INTERESTED_AT)
                    .where(CampaignRecipient.CAMPAIGN_ID.eq(c.getId()))
                    .and(CampaignRecipient.OPENED_AT.isNotNull().orExp(CampaignRecipient.CLICKED_AT.isNotNull())
                            .orExp(CampaignRecipient.REPLIED_AT.isNotNull()).orExp(CampaignRecipient.BOUNCED_AT.isNotNull())
                            .orExp(CampaignRecipient.UNSUBSCRIBED_AT.isNotNull()).orExp(CampaignRecipient.INTERESTED_AT.isNotNull()))
                    .select(ctx).stream().map(row -> {
                        Instant[] at = new Instant[row.length];
                        for (int i = 0; i < row.length; i++) {
                            at[i] = Sql.instant(row[i]);
                        }
                        return at;
                    }).toList();
        });
        List<ResponseBuckets.Point> points = ResponseBuckets.count(times, unit);
        if (points == null) {
            throw Problems.invalid("bucket", "the responses span more than " + ResponseBuckets.MAX_BUCKETS + " " + unit.name().toLowerCase()
                    + "; use bucket=day");
        }
        return new Responses(unit == ChronoUnit.HOURS ? "hour" : "day", ResponseBuckets.SERIES, points);
    }
}
