package org.mosaiccrm.search.api;

import java.util.Collection;
import java.util.List;

import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;

/**
 * The {@link RecordIndexer} of one Cayenne entity: reading its records by ids and page by page
 * in id order is the same for every module, so a module writes only how a record reads as a
 * {@link SearchDocument}. Register a subclass as a DS service ({@code @Component(service =
 * RecordIndexer.class)}) with the module's {@link Persistence}.
 *
 * @param <R> the entity
 */
public abstract class EntityIndexer<R extends MosaicRecord> implements RecordIndexer {

    private final Class<R> entity;
    private final String module;
    private final String type;
    private final String readPermission;
    private final Persistence persistence;

    /**
     * @param module the module's id (its DataMap name), whose change log entries the index follows
     * @param type the entity name in lower case, as the change log names it
     * @param readPermission what a user needs to see hits of this type
     */
    protected EntityIndexer(Class<R> entity, String module, String type, String readPermission, Persistence persistence) {
        this.entity = entity;
        this.module = module;
        this.type = type;
        this.readPermission = readPermission;
        this.persistence = persistence;
    }

    /** How one record reads in the search: its title, text, contacts, filter fields, owner and team. */
    protected abstract SearchDocument document(R record);

    @Override
    public String module() {
        return module;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String readPermission() {
        return readPermission;
    }

    @Override
    public List<SearchDocument> documents(Collection<String> ids) {
        return select(ObjectSelect.query(entity).where(MosaicRecord.ID.in(ids)));
    }

    @Override
    public List<SearchDocument> page(String afterId, int limit) {
        ObjectSelect<R> query = ObjectSelect.query(entity).orderBy(MosaicRecord.ID.asc()).limit(limit);
        return select(afterId == null ? query : query.where(MosaicRecord.ID.gt(afterId)));
    }

    @Override
    public long count() {
        return persistence.read(ctx -> ObjectSelect.query(entity).selectCount(ctx));
    }

    private List<SearchDocument> select(ObjectSelect<R> query) {
        return persistence.read(ctx -> query.select(ctx).stream().map(this::document).toList());
    }
}
