package org.mosaiccrm.campaigns.impl;

/** Where a web form's lead goes when the funnel is on: a service with no funnel types in it, for {@link PublicFormsResource}. */
public interface FormLeads {

    /** Captures a lead as the current user; returns its id, or null when the funnel is off. Fails with a problem naming a bad field. */
    String capture(String firstName, String lastName, String company, String email, String phone, String source, String notes);
}
