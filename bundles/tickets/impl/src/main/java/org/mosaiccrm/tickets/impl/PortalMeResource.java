package org.mosaiccrm.tickets.impl;

import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.mosaiccrm.contacts.api.PersonProfiles;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/portal/me}: the signed-in customer's own master data (name, phones, addresses,
 * mail consent; their mail address and organization to read), changed through contacts'
 * {@link PersonProfiles} with the version read. {@code csrfToken} lets a reloaded portal page go
 * on changing data with its session cookie.
 */
@Component(service = PortalMeResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("portal/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PortalMeResource {

    public record MeView(String personId, long version, String email, String firstName, String lastName,
            List<Map<String, String>> phones, List<Map<String, String>> addresses, boolean emailConsent, String organizationId,
            String organizationName, boolean organizationManager, String csrfToken) {
    }

    /** For the OpenAPI document: what a customer may change of themselves, and the version read. */
    public record MeChange(String firstName, String lastName, List<Map<String, String>> phones, List<Map<String, String>> addresses,
            Boolean emailConsent, Long version) {
    }

    @Reference
    private PortalCustomers customers;

    @GET
    @ApiAnswer(value = MeView.class, headers = ApiAnswer.ETAG)
    public Response get() {
        PortalCustomers.Asking asking = customers.current();
        MeView view = view(asking, asking.person());
        return Records.ok(view.version(), view);
    }

    @PATCH
    @ApiBody(MeChange.class)
    @ApiAnswer(value = MeView.class, headers = ApiAnswer.ETAG)
    public Response update(Map<String, Object> body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        PortalCustomers.Asking asking = customers.current();
        PersonProfiles.Profile updated = customers.profiles().updateOwn(asking.personId(), body, ifMatch, "customer portal");
        MeView view = view(asking, updated);
        return Records.ok(view.version(), view);
    }

    private static MeView view(PortalCustomers.Asking asking, PersonProfiles.Profile p) {
        return new MeView(p.id(), p.version(), p.email(), p.firstName(), p.lastName(), p.phones(), p.addresses(), p.emailConsent(),
                p.organizationId(), p.organizationName(), asking.managedOrganization() != null, asking.customer().csrfToken());
    }
}
