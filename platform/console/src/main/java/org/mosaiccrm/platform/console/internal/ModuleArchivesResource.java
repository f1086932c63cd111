package org.mosaiccrm.platform.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/modules/archives?filename=x.kar}, administrators only: installs a module
 * archive built by a third party. The body is the .kar file itself. Its features repository
 * joins the container, so its {@code mosaic-*} features appear in the module list; a feature
 * marked {@code install="manual"} arrives disabled, any other is enabled at once (Karaf's rule
 * for archives); a newer build of modules already installed replaces them in place, keeping their
 * state and data ({@link ModuleArchiveInstaller}, which the deploy/ folder uses too). An archive
 * that does not fit this Mosaic is refused with 422, and nothing of it stays.
 */
@Component(service = ModuleArchivesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("modules/archives")
@Produces(MediaType.APPLICATION_JSON)
public class ModuleArchivesResource {

    public record Installed(String archive, List<String> modules) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ModuleArchivesResource.class);

    @Reference
    private AccessControl access;

    @Reference
    private AuditLog audit;

    @Reference
    private ModuleArchiveInstaller installer;

    @POST
    @Consumes(MediaType.WILDCARD)
    @ApiAnswer(status = 201, value = Installed.class)
    public Response upload(@QueryParam("filename") String fileName, InputStream body) throws IOException {
        access.requireAdmin();
        if (!ModuleArchive.isValidName(fileName)) {
            throw Problems.invalid("filename", "must be the archive's file name, ending in .kar (letters, digits, . _ -)");
        }
        java.nio.file.Path folder = Files.createTempDirectory("mosaic-kar-");
        try {
            java.nio.file.Path file = folder.resolve(fileName);
            if (!ModuleArchive.copyLimited(body, file)) {
                throw Problems.payloadTooLarge(ModuleArchive.MAX_BYTES);
            }
            String problem = ModuleArchive.problem(file);
            if (problem != null) {
                throw Problems.badRequest(problem);
            }
            ModuleArchiveInstaller.Installed installed;
            try {
                installed = installer.install(file);
            } catch (ModuleArchiveInstaller.Refused e) {
                LOG.warn("Module archive {} refused: {}", fileName, e.getMessage());
                audit.record("admin.module.archive.refused", "archive/" + fileName, Map.of("reason", String.valueOf(e.getMessage())));
                throw Problems.of(422, "archive-refused", "Archive refused", e.getMessage());
            }
            audit.record("admin.module.archive.installed", "archive/" + fileName, Map.of("modules", installed.modules()));
            return Response.status(201).entity(new Installed(fileName, installed.modules())).build();
        } finally {
            deleteTree(folder);
        }
    }

    private static void deleteTree(java.nio.file.Path root) throws IOException {
        try (Stream<java.nio.file.Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
