package org.mosaiccrm.contacts.impl;

import java.util.List;
import java.util.Map;

import org.apache.cayenne.exp.Expression;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.records.AssignableType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Organizations may be given another owner or team in bulk, selected by ids or by the organizations list's filter. */
@Component(service = AssignableType.class)
public class OrganizationsAssignable extends ContactsAssignable {

    @Reference
    private CustomFields customFields;

    public OrganizationsAssignable() {
        super("organizations", Organization.class);
    }

    @Override
    public Expression filter(Map<String, List<String>> parameters) {
        return OrganizationsResource.filters(first(parameters, "q"), first(parameters, "domain"), first(parameters, "tag"), parameters,
                customFields.schema(ContactsModule.ID, ContactsModule.ORGANIZATION));
    }
}
