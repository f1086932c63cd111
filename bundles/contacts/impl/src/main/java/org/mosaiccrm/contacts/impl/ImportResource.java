package org.mosaiccrm.contacts.impl;

import java.io.InputStream;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.mosaiccrm.platform.api.imports.ImportOptions;
import org.mosaiccrm.platform.api.imports.ImportPreview;
import org.mosaiccrm.platform.api.imports.Imports;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code POST /api/v1/contacts/import?type=people|organizations} with a {@code text/csv} body
 * (UTF-8, with or without BOM; the columns of the type's export): answers 202 with the job whose
 * progress {@code GET /api/v1/jobs/{jobId}} reports. The address clients and the contacts page
 * know; the platform's import job runs it, as {@code POST /api/v1/imports/contacts/<type>} would.
 * {@code map=<position>:<field>} and {@code skip=<position>} (repeated) say how columns are read,
 * {@code ownerId} and {@code teamId} whom the new records go to (see {@link Imports#start}).
 * {@code POST .../preview?type=…&lang=…} with the file's first lines answers the proposed mapping.
 */
@Component(service = ImportResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("contacts/import")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    @Reference
    private Imports imports;

    @POST
    @Consumes({"text/csv", "text/plain", "application/csv"})
    @ApiAnswer(status = 202, value = Imports.Started.class)
    public Response start(@QueryParam("type") String type, @QueryParam("map") List<String> map, @QueryParam("skip") List<String> skip,
            @QueryParam("ownerId") String ownerId, @QueryParam("teamId") String teamId, InputStream body) {
        ImportOptions options = ImportOptions.of(map, skip, ownerId, teamId);
        return Response.status(202).entity(new Imports.Started(imports.start(ContactsModule.ID, type, body, options))).build();
    }

    @POST
    @Path("preview")
    @Consumes({"text/csv", "text/plain", "application/csv"})
    @ApiAnswer(ImportPreview.class)
    public ImportPreview preview(@QueryParam("type") String type, @QueryParam("lang") String language, InputStream body) {
        return imports.preview(ContactsModule.ID, type, body, language);
    }
}
