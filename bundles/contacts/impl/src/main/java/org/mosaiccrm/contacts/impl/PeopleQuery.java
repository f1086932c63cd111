package org.mosaiccrm.contacts.impl;

import org.mosaiccrm.platform.api.fields.FieldSchema;

import java.util.Locale;

import javax.ws.rs.core.MultivaluedMap;

import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.persistence.RecordLists;
import org.mosaiccrm.platform.api.persistence.SortKey;
import org.mosaiccrm.platform.api.persistence.Sorts;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The one query behind the people list and the people export, so that an export contains
 * exactly what the list shows: the same filters, the same visibility rule, the same order.
 */
@Component(service = PeopleQuery.class)
public class PeopleQuery {

    /** List filters; all optional. {@code parameters} holds the query's {@code cf.<key>} custom field filters. */
    public record Filter(String q, String organizationId, String tag, String lifecycleStage, String ownerId, String sort,
            MultivaluedMap<String, String> parameters) {
    }

    /** The list's sorts; ids are time-ordered, so the id is the creation order. Newest first by default. */
    static final Sorts SORTS = Sorts.of("-createdAt",
            SortKey.nullable("lastName", Person.LAST_NAME_KEY), SortKey.nullable("firstName", Person.FIRST_NAME_KEY),
            SortKey.of("createdAt", MosaicRecord.ID), SortKey.of("updatedAt", MosaicRecord.UPDATED_AT));

    @Reference
    private AccessControl access;

    /** The list's filters; the user's reach comes on top (RecordLists.page, or {@link #select} for the export). */
    Expression filters(Filter f, FieldSchema custom) {
        Expression where = custom.filter(Person.CUSTOM_JSON, f.parameters());
        if (f.q() != null && !f.q().isBlank()) {
            where = Records.and(where, Person.SEARCH_TEXT.contains(f.q().strip().toLowerCase(Locale.ROOT)));
        }
        if (f.organizationId() != null) {
            where = Records.and(where, Person.ORGANIZATION_ID.eq(f.organizationId()));
        }
        if (f.tag() != null && !f.tag().isBlank()) {
            // Tags are a JSON array of strings; a quoted match finds whole tags only, ignoring case as
            // tags do (FieldReader.tags). A substring match reads no index either way: the visibility
            // parts lead the plan, and this stays a filter on the rows they find.
            where = Records.and(where, Person.TAGS_JSON.containsIgnoreCase(Json.write(f.tag().strip())));
        }
        if (f.lifecycleStage() != null) {
            if (!PersonFields.STAGES.contains(f.lifecycleStage())) {
                throw Problems.invalid("lifecycleStage", "must be one of " + PersonFields.STAGES);
            }
            where = Records.and(where, Person.LIFECYCLE_STAGE.eq(f.lifecycleStage()));
        }
        if (f.ownerId() != null) {
            where = Records.and(where, MosaicRecord.OWNER_ID.eq(f.ownerId()));
        }
        return where;
    }

    /** Every person of the list in its order, for the export. */
    ObjectSelect<Person> select(UserPrincipal user, Filter f, FieldSchema custom) {
        return RecordLists.select(Person.class, Records.visible(access, user, filters(f, custom)), SORTS.parse(f.sort()));
    }
}
