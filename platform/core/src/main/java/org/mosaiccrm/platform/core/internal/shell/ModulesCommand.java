package org.mosaiccrm.platform.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mosaiccrm.platform.api.modules.ModuleInfo;
import org.mosaiccrm.platform.api.modules.ModuleManager;

@Command(scope = "mosaic", name = "modules", description = "Lists the installable Mosaic modules and their state.")
@Service
public class ModulesCommand implements Action {

    @Reference
    ModuleManager modules;

    @Override
    public Object execute() {
        System.out.printf("%-20s %-30s %-16s %-9s %s%n", "ID", "NAME", "VERSION", "STATE", "REQUIRES");
        for (ModuleInfo m : modules.list()) {
            System.out.printf("%-20s %-30s %-16s %-9s %s%n", m.id(), m.name(), m.version(),
                    m.enabled() ? "enabled" : "disabled", String.join(",", m.requires()));
        }
        return null;
    }
}
