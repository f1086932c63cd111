package org.mosaiccrm.funnel.impl;

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
            return SearchDocument.of(d.getId(), d.getTitle()).text(d.getNextStep(), d.getCloseReason(), amount)
                    .field("pipelineId", d.getPipelineId()).field("stageId", d.getStageId())
                    .field("organizationId", d.getOrganizationId()).access(d.getOwnerId(), d.getTeamId()).build();
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
            return SearchDocument.of(l.getId(), name.isEmpty() ? l.getEmail() : name)
                    .text(l.getCompany(), l.getSource(), l.getNotes()).email(l.getEmail()).phone(l.getPhone())
                    .field("status", l.getStatus()).access(l.getOwnerId(), l.getTeamId()).build();
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
            return SearchDocument.of(o.getId(), o.getNumber()).text(Money.format(o.getTotal(), o.getCurrency()) + " " + o.getCurrency())
                    .field("personId", o.getPersonId()).field("organizationId", o.getOrganizationId())
                    .access(o.getOwnerId(), o.getTeamId()).build();
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
            return SearchDocument.of(p.getId(), p.getName()).text(p.getSku()).field("sku", p.getSku()).build();
        }
    }
}
