package org.mosaiccrm.funnel.impl;

import java.io.InputStream;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.mosaiccrm.platform.api.imports.Imports;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code POST /api/v1/funnel/import?type=leads} with a {@code text/csv} body: 202 with the job
 * whose progress {@code GET /api/v1/jobs/{jobId}} reports. The platform's import job runs it, as
 * {@code POST /api/v1/imports/funnel/<type>} would.
 */
@Component(service = FunnelImportResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("funnel/import")
@Produces(MediaType.APPLICATION_JSON)
public class FunnelImportResource {

    @Reference
    private Imports imports;

    @POST
    @Consumes({"text/csv", "text/plain", "application/csv"})
    @ApiAnswer(status = 202, value = Imports.Started.class)
    public Response start(@QueryParam("type") String type, InputStream body) {
        return Response.status(202).entity(new Imports.Started(imports.start(FunnelModule.ID, type, body))).build();
    }
}
