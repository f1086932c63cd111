package org.mosaiccrm.tickets.impl;

import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.search.api.EntityIndexer;
import org.mosaiccrm.search.api.SearchDocument;
import org.mosaiccrm.search.api.RecordIndexer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * How knowledge base articles appear in the search: by title, category and body text, for every
 * user who may read tickets (articles are the whole desk's: no owner or team in the document).
 * The fields {@code status}, {@code audience} and {@code language} let the portal ask for
 * published public articles only ({@link PortalKbResource}).
 */
@Component(service = RecordIndexer.class)
public final class KbSearch extends EntityIndexer<KbArticle> {

    static final String TYPE = "kbarticle";
    static final String PUBLIC = "public";
    static final String INTERNAL = "internal";

    @Activate
    public KbSearch(@Reference Persistence persistence) {
        super(KbArticle.class, TicketsModule.ID, TYPE, TicketsModule.READ, persistence);
    }

    @Override
    protected SearchDocument document(KbArticle a) {
        return SearchDocument.of(a.getId(), a.getTitle()).text(a.getCategory(), KbHtml.text(a.getBody()))
                .field("status", a.getStatus()).field("audience", Boolean.TRUE.equals(a.isInternal()) ? INTERNAL : PUBLIC)
                .field("language", a.getLanguage()).field("category", a.getCategory()).build();
    }

    @Override
    public String page(String id) {
        return "/tickets/kb/" + id;
    }
}
