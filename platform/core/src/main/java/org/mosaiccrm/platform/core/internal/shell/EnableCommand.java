package org.mosaiccrm.platform.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.mosaiccrm.platform.api.modules.ModuleException;
import org.mosaiccrm.platform.api.modules.ModuleManager;

@Command(scope = "mosaic", name = "enable", description = "Enables a Mosaic module and the modules it requires.")
@Service
public class EnableCommand implements Action {

    @Reference
    ModuleManager modules;

    @Argument(index = 0, name = "id", description = "Module id", required = true)
    String id;

    @Override
    public Object execute() {
        try {
            modules.enable(id);
            System.out.println("Module '" + id + "' is enabled.");
        } catch (ModuleException e) {
            System.err.println(e.getMessage());
        }
        return null;
    }
}
