package org.mosaiccrm.samples.notes.internal;

import java.util.List;

import org.mosaiccrm.platform.spi.ui.MenuEntry;
import org.mosaiccrm.platform.spi.ui.UiContribution;
import org.osgi.service.component.annotations.Component;

/**
 * The notes pages of the web shell, below {@code /notes}: the list with search, sort and custom
 * field filters, a note's form, the CSV import with its progress, and the custom fields page for
 * administrators. They come and go with the module.
 */
@Component(service = UiContribution.class)
public class NotesPages implements UiContribution {

    @Override
    public String moduleId() {
        return NotesModule.ID;
    }

    @Override
    public String resourceFolder() {
        return "org/mosaiccrm/samples/notes/internal/ui";
    }

    @Override
    public String script() {
        return "notes.js";
    }

    @Override
    public List<String> styles() {
        return List.of();
    }

    @Override
    public List<String> routes() {
        return List.of("/notes");
    }

    @Override
    public List<MenuEntry> menu() {
        return List.of(MenuEntry.of("notes.menu", "/notes", NotesModule.READ, 300));
    }

    @Override
    public String messages() {
        return "messages";
    }
}
