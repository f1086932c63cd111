package org.mosaiccrm.platform.core.internal.jobs;

import java.io.InputStream;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.mosaiccrm.platform.api.imports.ImportOptions;
import org.mosaiccrm.platform.api.imports.ImportPreview;
import org.mosaiccrm.platform.api.imports.Imports;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code POST /api/v1/imports/{module}/{type}} with a {@code text/csv} body: the import of any
 * registered type, so that a module declaring an import type writes no resource for it. 202
 * with the job; 404 when the module is off or has no such type. Takes the column choices and
 * owner of {@link Imports#start} as query parameters ({@code map}, {@code skip}, {@code ownerId},
 * {@code teamId}); {@code POST .../preview} answers the proposed mapping of a file's first lines.
 */
@Component(service = ImportsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportsResource {

    @Reference
    private Imports imports;

    @Reference
    private AccessControl access;

    @POST
    @Path("{module}/{type}")
    @Consumes({"text/csv", "text/plain", "application/csv"})
    @ApiAnswer(status = 202, value = Imports.Started.class)
    public Response start(@PathParam("module") String module, @PathParam("type") String type, @QueryParam("map") List<String> map,
            @QueryParam("skip") List<String> skip, @QueryParam("ownerId") String ownerId, @QueryParam("teamId") String teamId,
            InputStream body) {
        known(module, type);
        ImportOptions options = ImportOptions.of(map, skip, ownerId, teamId);
        return Response.status(202).entity(new Imports.Started(imports.start(module, type, body, options))).build();
    }

    @POST
    @Path("{module}/{type}/preview")
    @Consumes({"text/csv", "text/plain", "application/csv"})
    @ApiAnswer(ImportPreview.class)
    public ImportPreview preview(@PathParam("module") String module, @PathParam("type") String type, @QueryParam("lang") String language,
            InputStream body) {
        known(module, type);
        return imports.preview(module, type, body, language);
    }

    private void known(String module, String type) {
        // Signed in first: which modules import what is not for anonymous clients to probe.
        access.currentUser();
        if (!imports.types(module).contains(type)) {
            throw Problems.notFound("There is no import of " + type + " in the module " + module + "; is the module switched on?");
        }
    }
}
