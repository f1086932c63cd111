package org.mosaiccrm.campaigns.impl;

import org.mosaiccrm.funnel.api.Leads;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@link FormLeads} through the funnel's {@link Leads}, while the funnel is on. The reference is
 * optional so that campaigns installs without the funnel (its feature brings the funnel's api
 * bundle only).
 */
@Component(service = FormLeads.class)
public class FunnelLeads implements FormLeads {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Leads leads;

    @Override
    public String capture(String firstName, String lastName, String company, String email, String phone, String source, String notes) {
        Leads funnel = leads;
        return funnel == null ? null : funnel.capture(new Leads.NewLead(firstName, lastName, company, email, phone, source, notes)).id();
    }
}
