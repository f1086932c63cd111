package org.mosaiccrm.contacts.impl;

import java.util.List;
import java.util.Map;

import javax.ws.rs.core.MultivaluedHashMap;

import org.apache.cayenne.exp.Expression;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.records.AssignableType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** People may be given another owner or team in bulk (RecordAssignments), selected by ids or by the people list's filter. */
@Component(service = AssignableType.class)
public class PeopleAssignable implements AssignableType {

    @Reference
    private PeopleQuery query;

    @Reference
    private CustomFields customFields;

    @Override
    public String module() {
        return ContactsModule.ID;
    }

    @Override
    public String name() {
        return "people";
    }

    @Override
    public Class<? extends MosaicRecord> type() {
        return Person.class;
    }

    @Override
    public String writePermission() {
        return ContactsModule.WRITE;
    }

    @Override
    public Expression filter(Map<String, List<String>> parameters) {
        MultivaluedHashMap<String, String> p = new MultivaluedHashMap<>();
        parameters.forEach(p::put);
        PeopleQuery.Filter f = new PeopleQuery.Filter(p.getFirst("q"), p.getFirst("organizationId"), p.getFirst("tag"),
                p.getFirst("lifecycleStage"), p.getFirst("ownerId"), null, p);
        return query.filters(f, customFields.schema(ContactsModule.ID, ContactsModule.PERSON));
    }
}
