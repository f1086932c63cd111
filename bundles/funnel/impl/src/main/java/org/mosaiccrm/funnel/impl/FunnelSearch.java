package org.mosaiccrm.funnel.impl;

import java.util.List;
import java.util.Map;

import org.mosaiccrm.platform.api.money.Money;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.search.api.EntityIndexer;
import org.mosaiccrm.search.api.RecordIndexer;
import org.mosaiccrm.search.api.SearchDocument;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * How the funnel's records appear in the global search, for users who may read the funnel and
 * within their reach like every hit. Search is optional: without it these services have no consumer.
 */
public final class FunnelSearch {

    private FunnelSearch() {
    }

    /** Deals by title, next step and amount. */
    @Component(service = RecordIndexer.class)
    public static final class Deals extends EntityIndexer<Deal> {

        @Activate
        public Deals(@Reference Persistence persistence) {
            super(Deal.class, FunnelModule.ID, "deal", FunnelModule.READ, persistence);
        }

        @Override
        protected SearchDocument document(Deal d) {
            String amount = d.getAmount() == null ? null : Money.format(d.getAmount(), d.getCurrency()) + " " + d.getCurrency();
            String text = String.join("\n", java.util.stream.Stream.of(d.getNextStep(), d.getCloseReason(), amount)
                    .filter(java.util.Objects::nonNull).toList());
            return new SearchDocument(d.getId(), d.getTitle(), text, List.of(), List.of(), List.of(),
                    fields("pipelineId", d.getPipelineId(), "stageId", d.getStageId(), "organizationId", d.getOrganizationId()),
                    d.getOwnerId(), d.getTeamId());
        }

        @Override
        public String page(String id) {
            return "/funnel/deals/" + id;
        }
    }

    /** Leads by name, company, email and phone. */
    @Component(service = RecordIndexer.class)
    public static final class Leads extends EntityIndexer<Lead> {

        @Activate
        public Leads(@Reference Persistence persistence) {
            super(Lead.class, FunnelModule.ID, "lead", FunnelModule.READ, persistence);
        }

        @Override
        protected SearchDocument document(Lead l) {
            String name = String.join(" ", java.util.stream.Stream.of(l.getFirstName(), l.getLastName())
                    .filter(java.util.Objects::nonNull).toList());
            return new SearchDocument(l.getId(), name.isEmpty() ? l.getEmail() : name,
                    String.join("\n", java.util.stream.Stream.of(l.getCompany(), l.getSource(), l.getNotes()).filter(java.util.Objects::nonNull).toList()),
                    l.getEmail() == null ? List.of() : List.of(l.getEmail()), l.getPhone() == null ? List.of() : List.of(l.getPhone()),
                    List.of(), fields("status", l.getStatus()), l.getOwnerId(), l.getTeamId());
        }

        @Override
        public String page(String id) {
            return "/funnel/leads/" + id;
        }
    }

    /** Orders by number. */
    @Component(service = RecordIndexer.class)
    public static final class SalesOrders extends EntityIndexer<SalesOrder> {

        @Activate
        public SalesOrders(@Reference Persistence persistence) {
            super(SalesOrder.class, FunnelModule.ID, "order", FunnelModule.READ, persistence);
        }

        @Override
        protected SearchDocument document(SalesOrder o) {
            return new SearchDocument(o.getId(), o.getNumber(), Money.format(o.getTotal(), o.getCurrency()) + " " + o.getCurrency(),
                    List.of(), List.of(), List.of(), fields("personId", o.getPersonId(), "organizationId", o.getOrganizationId()),
                    o.getOwnerId(), o.getTeamId());
        }

        @Override
        public String page(String id) {
            return "/funnel/orders/" + id;
        }
    }

    /** Products by name and SKU; the price list is everyone's, so every funnel user finds them. */
    @Component(service = RecordIndexer.class)
    public static final class Products extends EntityIndexer<Product> {

        @Activate
        public Products(@Reference Persistence persistence) {
            super(Product.class, FunnelModule.ID, "product", FunnelModule.READ, persistence);
        }

        @Override
        protected SearchDocument document(Product p) {
            return new SearchDocument(p.getId(), p.getName(), p.getSku(), List.of(), List.of(), List.of(),
                    fields("sku", p.getSku()), null, null);
        }
    }

    private static Map<String, List<String>> fields(String... pairs) {
        Map<String, List<String>> fields = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                fields.put(pairs[i], List.of(pairs[i + 1]));
            }
        }
        return fields;
    }
}
