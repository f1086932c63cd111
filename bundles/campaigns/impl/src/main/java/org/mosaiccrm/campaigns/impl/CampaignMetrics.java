package org.mosaiccrm.campaigns.impl;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.analytics.api.DefinedMetric;
import org.mosaiccrm.analytics.api.Metric;
import org.mosaiccrm.analytics.api.MetricDefinition;
import org.mosaiccrm.analytics.api.MetricPoint;
import org.mosaiccrm.analytics.api.MetricQuery;
import org.mosaiccrm.analytics.api.MetricTally;
import org.mosaiccrm.funnel.api.OrderHistory;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The campaigns' metrics for analytics, over the messages sent: each counted at the moment its
 * message was sent, so that a period's figures are those of the messages sent in it (what became
 * of the mail of March, whenever it was opened). Sent, delivered (sent and not bounced), opened,
 * clicked, replied, unsubscribed, bounced and interested recipients as counts, and the rates:
 * delivery and bounce of the sent, open, click, reply and unsubscribe of the delivered; with the
 * funnel on, converted recipients (their person ordered after the message) and the conversion
 * rate. Split by
 * campaign, owner or team. One column query over the recipients, the user's access rule inside it
 * (a recipient belongs to its campaign's owner and team), so another team's campaigns are in no
 * figure.
 */
@Component(service = CampaignMetrics.class)
public class CampaignMetrics {

    static final List<String> DIMENSIONS = List.of("campaign", "owner", "team");
    static final List<String> FILTERS = List.of("campaignId", "ownerId", "teamId");

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    /** One recipient sent a message, as the metrics read it: when, whose, and what became of it. */
    record Sent(Instant sentAt, String campaignId, String ownerId, String teamId, String personId, boolean opened, boolean clicked,
            boolean replied, boolean unsubscribed, boolean bounced, boolean interested) {

        boolean delivered() {
            return !bounced;
        }

        String key(String dimension) {
            return switch (dimension == null ? "" : dimension) {
                case "campaign" -> campaignId;
                case "team" -> teamId;
                default -> ownerId;
            };
        }
    }

    /** Who among the sent a count counts. */
    enum Measure {
        SENT("sent", "Campaign messages sent", s -> true),
        DELIVERED("delivered", "Campaign messages delivered", Sent::delivered),
        OPENED("opened", "Campaign recipients who opened", Sent::opened),
        CLICKED("clicked", "Campaign recipients who clicked", Sent::clicked),
        REPLIED("replied", "Campaign recipients who replied", Sent::replied),
        UNSUBSCRIBED("unsubscribed", "Campaign recipients who unsubscribed", Sent::unsubscribed),
        BOUNCED("bounced", "Campaign messages bounced", Sent::bounced),
        INTERESTED("interested", "Campaign recipients interested", Sent::interested);

        final String id;
        final String label;
        final Predicate<Sent> counts;

        Measure(String id, String label, Predicate<Sent> counts) {
            this.id = id;
            this.label = label;
            this.counts = counts;
        }
    }

    /** A rate: the share of {@code whole} that {@code part} is. */
    enum Rate {
        DELIVERY("deliveryRate", "Campaign delivery rate", Measure.DELIVERED, Measure.SENT),
        BOUNCE("bounceRate", "Campaign bounce rate", Measure.BOUNCED, Measure.SENT),
        OPEN("openRate", "Campaign open rate", Measure.OPENED, Measure.DELIVERED),
        CLICK("clickRate", "Campaign click rate", Measure.CLICKED, Measure.DELIVERED),
        REPLY("replyRate", "Campaign reply rate", Measure.REPLIED, Measure.DELIVERED),
        UNSUBSCRIBE("unsubscribeRate", "Campaign unsubscribe rate", Measure.UNSUBSCRIBED, Measure.DELIVERED);

        final String id;
        final String label;
        final Measure part;
        final Measure whole;

        Rate(String id, String label, Measure part, Measure whole) {
            this.id = id;
            this.label = label;
            this.part = part;
            this.whole = whole;
        }
    }

    static MetricDefinition definition(Measure m) {
        return new MetricDefinition("campaigns." + m.id, CampaignsModule.ID, m.label, MetricDefinition.COUNT, "sentAt", DIMENSIONS, FILTERS);
    }

    static MetricDefinition definition(Rate r) {
        return new MetricDefinition("campaigns." + r.id, CampaignsModule.ID, r.label, MetricDefinition.RATIO, "sentAt", DIMENSIONS, FILTERS);
    }

    List<MetricPoint> count(MetricQuery query, Measure measure) {
        MetricTally tally = new MetricTally(query);
        for (Sent s : sent(query)) {
            if (measure.counts.test(s)) {
                tally.count(s.sentAt(), s.key(query.dimension()));
            }
        }
        return tally.points();
    }

    List<MetricPoint> rate(MetricQuery query, Rate rate) {
        MetricTally part = new MetricTally(query);
        MetricTally whole = new MetricTally(query);
        for (Sent s : sent(query)) {
            if (rate.whole.counts.test(s)) {
                whole.count(s.sentAt(), s.key(query.dimension()));
                if (rate.part.counts.test(s)) {
                    part.count(s.sentAt(), s.key(query.dimension()));
                }
            }
        }
        return MetricTally.quotients(part.points(), whole.points(), 4);
    }

    static final MetricDefinition CONVERTED = new MetricDefinition("campaigns.converted", CampaignsModule.ID,
            "Campaign recipients who ordered afterwards", MetricDefinition.COUNT, "sentAt", DIMENSIONS, FILTERS);
    static final MetricDefinition CONVERSION_RATE = new MetricDefinition("campaigns.conversionRate", CampaignsModule.ID,
            "Campaign conversion rate", MetricDefinition.RATIO, "sentAt", DIMENSIONS, FILTERS);

    /**
     * Recipients converted: their person placed an order (one the user may see, read through the
     * funnel's {@link OrderHistory}) at or after the moment the message was sent; as a count, or
     * as a share of the delivered.
     */
    List<MetricPoint> converted(MetricQuery query, OrderHistory orders, boolean rate) {
        List<Sent> sent = sent(query);
        MetricTally converted = new MetricTally(query);
        MetricTally delivered = new MetricTally(query);
        if (!sent.isEmpty()) {
            Set<String> people = new HashSet<>();
            Instant first = sent.get(0).sentAt();
            for (Sent s : sent) {
                if (s.personId() != null) {
                    people.add(s.personId());
                }
                first = s.sentAt().isBefore(first) ? s.sentAt() : first;
            }
            // Each person's last order since the first message: one after their message exists exactly when the last is.
            Map<String, Instant> lastOrder = new HashMap<>();
            orders.forEach(query.user(), new OrderHistory.Filter(first, null, null, null), o -> {
                if (o.personId() != null && people.contains(o.personId())) {
                    lastOrder.merge(o.personId(), o.orderedAt(), (a, b) -> a.isAfter(b) ? a : b);
                }
            });
            for (Sent s : sent) {
                String key = s.key(query.dimension());
                if (s.delivered()) {
                    delivered.count(s.sentAt(), key);
                }
                Instant last = s.personId() == null ? null : lastOrder.get(s.personId());
                if (last != null && !last.isBefore(s.sentAt()) && (!rate || s.delivered())) {
                    converted.count(s.sentAt(), key);
                }
            }
        }
        return rate ? MetricTally.quotients(converted.points(), delivered.points(), 4) : converted.points();
    }

    /** The recipients the user may see whose message was sent in the query's range, within its filters. */
    private List<Sent> sent(MetricQuery query) {
        if (!query.user().hasPermission(CampaignsModule.READ)) {
            throw Problems.missingPermission(CampaignsModule.READ, "See campaigns and their results");
        }
        Expression where = CampaignRecipient.SENT_AT.gte(utc(query.from())).andExp(CampaignRecipient.SENT_AT.lt(utc(query.to())));
        for (String filter : FILTERS) {
            String value = query.filters().get(filter);
            where = Records.and(where, value == null ? null : (switch (filter) {
                case "campaignId" -> CampaignRecipient.CAMPAIGN_ID;
                case "ownerId" -> MosaicRecord.OWNER_ID;
                default -> MosaicRecord.TEAM_ID;
            }).eq(value));
        }
        Expression scope = Records.and(where, access.visibleRecords(query.user()));
        return persistence.read(ctx -> ObjectSelect.columnQuery(CampaignRecipient.class, CampaignRecipient.SENT_AT, CampaignRecipient.CAMPAIGN_ID,
                MosaicRecord.OWNER_ID, MosaicRecord.TEAM_ID, CampaignRecipient.PERSON_ID, CampaignRecipient.OPENED_AT, CampaignRecipient.CLICKED_AT,
                CampaignRecipient.REPLIED_AT, CampaignRecipient.UNSUBSCRIBED_AT, CampaignRecipient.BOUNCED_AT, CampaignRecipient.INTERESTED_AT)
                .where(scope).select(ctx)).stream()
                .map(r -> new Sent(((LocalDateTime) r[0]).toInstant(ZoneOffset.UTC), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                        r[5] != null, r[6] != null, r[7] != null, r[8] != null, r[9] != null, r[10] != null))
                .toList();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** {@code campaigns.sent}. */
    @Component(service = Metric.class)
    public static class SentCount extends DefinedMetric {
        @Activate
        public SentCount(@Reference CampaignMetrics metrics) {
            super(CampaignMetrics.definition(Measure.SENT), q -> metrics.count(q, Measure.SENT));
        }
    }

    /** {@code campaigns.delivered}. */
    @Component(service = Metric.class)
    public static class DeliveredCount extends DefinedMetric {
        @Activate
        public DeliveredCount(@Reference CampaignMetrics metrics) {
            super(CampaignMetrics.definition(Measure.DELIVERED), q -> metrics.count(q, Measure.DELIVERED));
        }
    }

    /** {@code campaigns.opened}. */
    @Component(service = Metric.class)
    public static class OpenedCount extends DefinedMetric {
        @Activate
        public OpenedCount(@Reference CampaignMetrics metrics) {
            super(CampaignMetrics.definition(Measure.OPENED), q -> metrics.count(q, Measure.OPENED));
        }
    }

    /** {@code campaigns.clicked}. */
    @Component(service = Metric.class)
    public static class ClickedCount extends DefinedMetric {
        @Activate
        public ClickedCount(@Reference CampaignMetrics metrics) {
            super(CampaignMetrics.definition(Measure.CLICKED), q -> metrics.count(q, Measure.CLICKED));
        }
    }

    /** {@code campaigns.replied}. */
    @Component(service = Metric.class)
    public static class RepliedCount extends DefinedMetric {
        @Activate
        public RepliedCount(@Reference CampaignMetrics metrics) {
            super(CampaignMetrics.definition(Measure.REPLIED), q -> metrics.count(q, Measure.REPLIED));
        }
    }

    /** {@code campaigns.unsubscribed}. */
    @Component(service = Metric.class)
    public static class UnsubscribedCount extends DefinedMetric {
        @Activate
        public UnsubscribedCount(@Reference CampaignMetrics metrics) {
            super(CampaignMetrics.definition(Measure.UNSUBSCRIBED), q -> metrics.count(q, Measure.UNSUBSCRIBED));
        }
    }

    /** {@code campaigns.bounced}. */
    @Component(service = Metric.class)
    public static class BouncedCount extends DefinedMetric {
        @Activate
        public BouncedCount(@Reference CampaignMetrics metrics) {
            super(CampaignMetrics.definition(Measure.BOUNCED), q -> metrics.count(q, Measure.BOUNCED));
        }
    }

    /** {@code campaigns.interested}: recipients whose response the follow-up counted as interest. */
    @Component(service = Metric.class)
    public static class InterestedCount extends DefinedMetric {
        @Activate
        public InterestedCount(@Reference CampaignMetrics metrics) {
            super(CampaignMetrics.definition(Measure.INTERESTED), q -> metrics.count(q, Measure.INTERESTED));
        }
    }

    /**
     * {@code campaigns.converted}: there only while the funnel is on (its {@link OrderHistory} is
     * the source of orders), so the metric and the widgets on it come and go with the funnel.
     */
    @Component(service = Metric.class)
    public static class ConvertedCount extends DefinedMetric {
        @Activate
        public ConvertedCount(@Reference CampaignMetrics metrics, @Reference OrderHistory orders) {
            super(CONVERTED, q -> metrics.converted(q, orders, false));
        }
    }

    /** {@code campaigns.conversionRate}: converted ÷ delivered, while the funnel is on. */
    @Component(service = Metric.class)
    public static class ConversionRate extends DefinedMetric {
        @Activate
        public ConversionRate(@Reference CampaignMetrics metrics, @Reference OrderHistory orders) {
            super(CONVERSION_RATE, q -> metrics.converted(q, orders, true));
        }
    }

    /** {@code campaigns.deliveryRate}: delivered ÷ sent. */
    @Component(service = Metric.class)
    public static class DeliveryRate extends DefinedMetric {
        @Activate
        public DeliveryRate(@Reference CampaignMetrics metrics) {
            super(CampaignMetrics.definition(Rate.DELIVERY), q -> metrics.rate(q, Rate.DELIVERY));
        }
    }

    /** {@code campaigns.bounceRate}: bounced ÷ sent. */
    @Component(service = Metric.class)
    public static class BounceRate extends DefinedMetric {
        @Activate
        public BounceRate(@Reference CampaignMetrics metrics) {
            super(CampaignMetrics.definition(Rate.BOUNCE), q -> metrics.rate(q, Rate.BOUNCE));
        }
    }

    /** {@code campaigns.openRate}: opened ÷ delivered. */
    @Component(service = Metric.class)
    public static class OpenRate extends DefinedMetric {
        @Activate
        public OpenRate(@Reference CampaignMetrics metrics) {
            super(CampaignMetrics.definition(Rate.OPEN), q -> metrics.rate(q, Rate.OPEN));
        }
    }

    /** {@code campaigns.clickRate}: clicked ÷ delivered. */
    @Component(service = Metric.class)
    public static class ClickRate extends DefinedMetric {
        @Activate
        public ClickRate(@Reference CampaignMetrics metrics) {
            super(CampaignMetrics.definition(Rate.CLICK), q -> metrics.rate(q, Rate.CLICK));
        }
    }

    /** {@code campaigns.replyRate}: replied ÷ delivered. */
    @Component(service = Metric.class)
    public static class ReplyRate extends DefinedMetric {
        @Activate
        public ReplyRate(@Reference CampaignMetrics metrics) {
            super(CampaignMetrics.definition(Rate.REPLY), q -> metrics.rate(q, Rate.REPLY));
        }
    }

    /** {@code campaigns.unsubscribeRate}: unsubscribed ÷ delivered. */
    @Component(service = Metric.class)
    public static class UnsubscribeRate extends DefinedMetric {
        @Activate
        public UnsubscribeRate(@Reference CampaignMetrics metrics) {
            super(CampaignMetrics.definition(Rate.UNSUBSCRIBE), q -> metrics.rate(q, Rate.UNSUBSCRIBE));
        }
    }
}
