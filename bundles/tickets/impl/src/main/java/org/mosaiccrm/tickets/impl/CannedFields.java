package org.mosaiccrm.tickets.impl;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.mosaiccrm.contacts.api.Audience;
import org.mosaiccrm.contacts.api.ContactDirectory;
import org.mosaiccrm.contacts.api.Recipient;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.mosaiccrm.platform.api.text.MergeFields;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * The merge fields of canned responses, and {@code POST /api/v1/tickets/{id}/canned-responses/{cannedId}/render}:
 * the canned response's body filled in for a ticket the user may see (404 otherwise, like the
 * ticket itself), as plain text for the reply box, where the agent may still change it.
 */
@Component(service = CannedFields.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("tickets/{id}/canned-responses/{cannedId}/render")
@Produces(MediaType.APPLICATION_JSON)
public class CannedFields {

    /** The fields a canned response may name. */
    static final Set<String> KNOWN = Set.of("ticket.number", "ticket.subject", "requester.firstName", "requester.lastName",
            "organization.name", "agent.name");

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private Audience audience;

    @Reference
    private ContactDirectory contacts;

    @POST
    public Map<String, String> render(@PathParam("id") String id, @PathParam("cannedId") String cannedId) {
        UserPrincipal user = access.requirePermission(TicketsModule.WRITE);
        record Found(Ticket ticket, CannedResponse canned) {
        }
        Found found = persistence.read(ctx -> new Found(Records.find(ctx, access, user, Ticket.class, id, "ticket"),
                CannedResponsesResource.find(ctx, user, cannedId)));
        Ticket t = found.ticket();
        Recipient requester = audience.recipient(t.getRequesterId()).orElse(null);
        String organization = t.getOrganizationId() == null ? null : contacts.organizations(List.of(t.getOrganizationId())).get(t.getOrganizationId());
        Map<String, String> values = new java.util.HashMap<>();
        values.put("ticket.number", String.valueOf(t.getNumber()));
        values.put("ticket.subject", t.getSubject());
        values.put("requester.firstName", requester == null ? null : requester.firstName());
        values.put("requester.lastName", requester == null ? null : requester.lastName());
        values.put("organization.name", organization != null ? organization : requester == null ? null : requester.organizationName());
        values.put("agent.name", user.username());
        return Map.of("body", MergeFields.merge(found.canned().getBody(), values::get, UnaryOperator.identity()));
    }
}
