package ${package}.internal;

import java.util.List;

import org.mosaiccrm.platform.spi.ui.MenuEntry;
import org.mosaiccrm.platform.spi.ui.UiContribution;
import org.osgi.service.component.annotations.Component;

import ${package}.api.${moduleClass}Names;

/** The module's page at /${moduleId} and its menu entry; they come and go with the module. */
@Component(service = UiContribution.class)
public class ${moduleClass}Pages implements UiContribution {

    @Override
    public String moduleId() {
        return ${moduleClass}Names.MODULE_ID;
    }

    @Override
    public String resourceFolder() {
        return "ui";
    }

    @Override
    public String script() {
        return "${moduleId}.js";
    }

    @Override
    public List<String> styles() {
        return List.of();
    }

    @Override
    public List<String> routes() {
        return List.of("/${moduleId}");
    }

    @Override
    public List<MenuEntry> menu() {
        return List.of(MenuEntry.of("${moduleId}.menu", "/${moduleId}", ${moduleClass}Names.READ, 500));
    }

    @Override
    public String messages() {
        return "messages";
    }
}
