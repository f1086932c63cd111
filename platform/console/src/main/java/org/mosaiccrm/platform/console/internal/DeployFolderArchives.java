package org.mosaiccrm.platform.console.internal;

import java.io.File;
import java.util.Map;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Module archives in the distribution's deploy/ folder ({@code MOSAIC_DEPLOY}): a .kar dropped
 * there is installed as if uploaded in the console ({@link ModuleArchiveInstaller}), a newer
 * file of the same name replaces it in place, and a removed one takes its modules out (their
 * data stays). Ranked above Karaf's own .kar deployer so that archives go the platform's way;
 * a refusal is logged and audited with its reason, and the file stays until it is replaced.
 */
@Component(service = ArtifactInstaller.class, property = Constants.SERVICE_RANKING + ":Integer=1000")
public class DeployFolderArchives implements ArtifactInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(DeployFolderArchives.class);

    private final ModuleArchiveInstaller installer;
    private final AuditLog audit;

    @Activate
    public DeployFolderArchives(@Reference ModuleArchiveInstaller installer, @Reference AuditLog audit) {
        this.installer = installer;
        this.audit = audit;
    }

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(".kar");
    }

    @Override
    public void install(File artifact) {
        deploy(artifact);
    }

    @Override
    public void update(File artifact) {
        deploy(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        String name = ModuleArchiveInstaller.archiveName(artifact.toPath());
        try {
            if (installer.remove(name)) {
                audit.record("admin.module.archive.removed", "archive/" + artifact.getName(), Map.of("source", "deploy"));
            }
        } catch (ModuleArchiveInstaller.Refused e) {
            LOG.error("Module archive {} left deploy/ but could not be removed: {}", artifact.getName(), e.getMessage());
        }
    }

    private void deploy(File artifact) {
        try {
            ModuleArchiveInstaller.Installed installed = installer.install(artifact.toPath());
            if (!installed.unchanged()) {
                audit.record("admin.module.archive.installed", "archive/" + artifact.getName(),
                        Map.of("modules", installed.modules(), "source", "deploy"));
            }
        } catch (ModuleArchiveInstaller.Refused e) {
            LOG.error("Module archive {} in deploy/ refused: {}", artifact.getName(), e.getMessage());
            audit.record("admin.module.archive.refused", "archive/" + artifact.getName(),
                    Map.of("reason", String.valueOf(e.getMessage()), "source", "deploy"));
        } catch (java.io.IOException | RuntimeException e) {
            LOG.error("Module archive {} in deploy/ could not be installed", artifact.getName(), e);
            audit.record("admin.module.archive.refused", "archive/" + artifact.getName(),
                    Map.of("reason", String.valueOf(e.getMessage()), "source", "deploy"));
        }
    }
}
