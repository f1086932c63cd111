package ${package}.internal;

import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.search.api.EntityIndexer;
import org.mosaiccrm.search.api.RecordIndexer;
import org.mosaiccrm.search.api.SearchDocument;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ${package}.api.${moduleClass}Names;

/**
 * How records appear in the global search: by name, for users who may read them and within
 * their reach like every hit. The platform keeps the index in step with every change.
 */
@Component(service = RecordIndexer.class)
public final class ${moduleClass}Search extends EntityIndexer<${moduleClass}Record> {

    @Activate
    public ${moduleClass}Search(@Reference Persistence persistence) {
        super(${moduleClass}Record.class, ${moduleClass}Names.MODULE_ID, ${moduleClass}Names.RECORD, ${moduleClass}Names.READ, persistence);
    }

    @Override
    protected SearchDocument document(${moduleClass}Record record) {
        return SearchDocument.of(record.getId(), record.getName()).access(record.getOwnerId(), record.getTeamId()).build();
    }

    @Override
    public String page(String id) {
        return "/${moduleId}";
    }
}
