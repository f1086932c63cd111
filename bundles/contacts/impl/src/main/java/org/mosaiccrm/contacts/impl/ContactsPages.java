package org.mosaiccrm.contacts.impl;

import java.util.List;

import org.mosaiccrm.platform.spi.ui.HomePanel;
import org.mosaiccrm.platform.spi.ui.MenuEntry;
import org.mosaiccrm.platform.spi.ui.UiContribution;
import org.osgi.service.component.annotations.Component;

/**
 * The contacts pages of the web shell: people and organizations (lists, records with their
 * timeline and tasks, forms), the CSV import with its progress and the export, and the custom
 * fields page for administrators, all below {@code /contacts}. They come and go with this bundle, so with the module.
 */
@Component(service = UiContribution.class)
public class ContactsPages implements UiContribution {

    @Override
    public String moduleId() {
        return "contacts";
    }

    @Override
    public String resourceFolder() {
        return "org/mosaiccrm/contacts/impl/ui";
    }

    @Override
    public String script() {
        return "contacts.js";
    }

    @Override
    public List<String> styles() {
        return List.of("contacts.css");
    }

    @Override
    public List<String> routes() {
        return List.of("/contacts");
    }

    @Override
    public List<MenuEntry> menu() {
        return List.of(MenuEntry.of("contacts.menu.people", "/contacts/people", ContactsModule.READ, 200),
                MenuEntry.of("contacts.menu.organizations", "/contacts/organizations", ContactsModule.READ, 210));
    }

    /** The user's day in contacts: tasks due and overdue, reminders, recent people, quick actions. */
    @Override
    public List<HomePanel> panels() {
        return List.of(HomePanel.of("today", "home-panel.js", ContactsModule.READ, 100));
    }

    @Override
    public String messages() {
        return "messages";
    }

    /** A person's page has a place for other modules' panels (analytics' figures of the customer, …). */
    @Override
    public List<String> recordTypes() {
        return List.of("contacts.person");
    }
}
