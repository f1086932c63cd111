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

import org.mosaiccrm.platform.api.imports.ImportPreview;
import org.mosaiccrm.platform.api.imports.Imports;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code POST /api/v1/<module>/import?type=…} (and {@code …/import/preview?type=…}): the address
 * of a module's imports that its clients and pages know ({@code /contacts/import?type=people},
 * {@code /funnel/import?type=orders}), served by the platform for every module with import
 * types, the same as {@link ImportsResource}'s {@code /imports/<module>/<type>}. A module
 * writes no resource for its imports.
 */
@Component(service = ModuleImportResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("{module}/import")
@Produces(MediaType.APPLICATION_JSON)
public class ModuleImportResource {

    @Reference
    private ImportsResource imports;

    @Reference
    private Imports types;

    @POST
    @Consumes({"text/csv", "text/plain", "application/csv"})
    @ApiAnswer(status = 202, value = Imports.Started.class)
    public Response start(@PathParam("module") String module, @QueryParam("type") String type, @QueryParam("map") List<String> map,
            @QueryParam("skip") List<String> skip, @QueryParam("ownerId") String ownerId, @QueryParam("teamId") String teamId,
            InputStream body) {
        return imports.start(module, known(module, type), map, skip, ownerId, teamId, body);
    }

    @POST
    @Path("preview")
    @Consumes({"text/csv", "text/plain", "application/csv"})
    @ApiAnswer(ImportPreview.class)
    public ImportPreview preview(@PathParam("module") String module, @QueryParam("type") String type, @QueryParam("lang") String language,
            InputStream body) {
        return imports.preview(module, known(module, type), language, body);
    }

    /**
     * The {@code type} parameter, one of the module's: 400 naming them otherwise. A module that
     * is off (or imports nothing) is left to {@link ImportsResource}'s 404.
     */
    private String known(String module, String type) {
        java.util.Collection<String> offered = types.types(module);
        if (offered.isEmpty()) {
            return type == null ? "" : type;
        }
        if (type == null || !offered.contains(type)) {
            throw Problems.invalid("type", "must be one of " + new java.util.TreeSet<>(offered));
        }
        return type;
    }
}
