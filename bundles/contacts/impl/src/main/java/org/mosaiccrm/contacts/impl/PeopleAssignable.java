package org.mosaiccrm.contacts.impl;

import java.util.List;
import java.util.Map;

import javax.ws.rs.core.MultivaluedHashMap;

import org.apache.cayenne.exp.Expression;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.records.AssignableType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** People may be given another owner or team in bulk (RecordAssignments), selected by ids or by the people list's filter. */
@Component(service = AssignableType.class)
public class PeopleAssignable extends ContactsAssignable {

    @Reference
    private PeopleQuery query;

    @Reference
    private CustomFields customFields;

    public PeopleAssignable() {
        super("people", Person.class);
    }

    @Override
    public Expression filter(Map<String, List<String>> parameters) {
        MultivaluedHashMap<String, String> all = new MultivaluedHashMap<>();
        parameters.forEach(all::put);
        PeopleQuery.Filter f = new PeopleQuery.Filter(first(parameters, "q"), first(parameters, "organizationId"), first(parameters, "tag"),
                first(parameters, "lifecycleStage"), first(parameters, "ownerId"), null, all);
        return query.filters(f, customFields.schema(ContactsModule.ID, ContactsModule.PERSON));
    }
}
