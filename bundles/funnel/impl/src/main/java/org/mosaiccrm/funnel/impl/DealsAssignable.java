package org.mosaiccrm.funnel.impl;

import java.util.List;
import java.util.Map;

import org.apache.cayenne.exp.Expression;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.records.AssignableType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Deals may be given another owner or team in bulk, selected by ids or by the deals list's filter. */
@Component(service = AssignableType.class)
public class DealsAssignable implements AssignableType {

    @Reference
    private CustomFields customFields;

    @Override
    public String module() {
        return FunnelModule.ID;
    }

    @Override
    public String name() {
        return "deals";
    }

    @Override
    public Class<? extends MosaicRecord> type() {
        return Deal.class;
    }

    @Override
    public String writePermission() {
        return FunnelModule.WRITE;
    }

    @Override
    public Expression filter(Map<String, List<String>> parameters) {
        return DealsResource.filter(customFields.schema(FunnelModule.ID, FunnelModule.DEAL), parameters);
    }
}
