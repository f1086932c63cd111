package org.mosaiccrm.samples.notes.internal;


import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.search.api.EntityIndexer;
import org.mosaiccrm.search.api.RecordIndexer;
import org.mosaiccrm.search.api.SearchDocument;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * How notes appear in the global search: title and text, for users who may read notes and
 * within their reach like every hit. Search is optional: without it this service has no consumer.
 */
@Component(service = RecordIndexer.class)
public final class NotesSearch extends EntityIndexer<Note> {

    @Activate
    public NotesSearch(@Reference Persistence persistence) {
        super(Note.class, NotesModule.ID, NotesModule.NOTE, NotesModule.READ, persistence);
    }

    @Override
    protected SearchDocument document(Note note) {
        return SearchDocument.of(note.getId(), note.getTitle()).text(note.getBody()).access(note.getOwnerId(), note.getTeamId()).build();
    }

    @Override
    public String page(String id) {
        return "/notes/" + id;
    }
}
