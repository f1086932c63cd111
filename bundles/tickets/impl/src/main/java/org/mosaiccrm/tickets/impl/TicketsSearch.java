package org.mosaiccrm.tickets.impl;

import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.search.api.EntityIndexer;
import org.mosaiccrm.search.api.RecordIndexer;
import org.mosaiccrm.search.api.SearchDocument;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * How tickets appear in the global search: by number ({@code #1234} or {@code 1234}), subject
 * and description — never their replies or internal notes — for users who may read tickets and
 * within their reach like every hit. Search is optional: without it this service has no consumer.
 */
@Component(service = RecordIndexer.class)
public final class TicketsSearch extends EntityIndexer<Ticket> {

    @Activate
    public TicketsSearch(@Reference Persistence persistence) {
        super(Ticket.class, TicketsModule.ID, "ticket", TicketsModule.READ, persistence);
    }

    @Override
    protected SearchDocument document(Ticket t) {
        return SearchDocument.of(t.getId(), t.displayName()).text("#" + t.getNumber(), String.valueOf(t.getNumber()), t.getDescription())
                .field("status", t.getStatus()).field("priority", t.getPriority()).field("requesterId", t.getRequesterId())
                .access(t.getOwnerId(), t.getTeamId()).build();
    }

    @Override
    public String page(String id) {
        return "/tickets/" + id;
    }
}
