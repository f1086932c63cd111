package org.mosaiccrm.tickets.impl;

import java.util.List;

import org.mosaiccrm.platform.spi.ui.MenuEntry;
import org.mosaiccrm.platform.spi.ui.UiContribution;
import org.osgi.service.component.annotations.Component;

/**
 * The tickets pages of the web shell, below {@code /tickets}: the list with its filters and SLA
 * due times, a new ticket's form, a ticket with its SLA clocks, status and priority, the
 * conversation and the reply form and, for administrators, the desk's set-up (queues,
 * business-hours calendars, SLA policies), and the knowledge base ({@code /tickets/kb}). The
 * script ({@code tickets.js}) imports one file per page from the same folder; the customer
 * portal's page is {@code portal.js}. They come and go with the module.
 */
@Component(service = UiContribution.class)
public class TicketsPages implements UiContribution {

    @Override
    public String moduleId() {
        return TicketsModule.ID;
    }

    @Override
    public String resourceFolder() {
        return "org/mosaiccrm/tickets/impl/ui";
    }

    @Override
    public String script() {
        return "tickets.js";
    }

    @Override
    public List<String> styles() {
        return List.of("tickets.css");
    }

    @Override
    public List<String> routes() {
        return List.of("/tickets");
    }

    @Override
    public List<MenuEntry> menu() {
        return List.of(MenuEntry.of("tickets.menu", "/tickets", TicketsModule.READ, 260),
                MenuEntry.of("tickets.kb.menu", "/tickets/kb", TicketsModule.READ, 261));
    }

    /** The customer portal's page: sign-in, their tickets, their details, the knowledge base. */
    @Override
    public String portalScript() {
        return "portal.js";
    }

    @Override
    public String messages() {
        return "messages";
    }
}
