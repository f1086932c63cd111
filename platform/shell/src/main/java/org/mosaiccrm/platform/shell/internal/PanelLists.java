package org.mosaiccrm.platform.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.mosaiccrm.platform.shell.internal.UiResource.PanelView;
import org.mosaiccrm.platform.spi.ui.HomePanel;
import org.mosaiccrm.platform.spi.ui.RecordPanel;
import org.mosaiccrm.platform.spi.ui.UiContribution;

/**
 * Which panels a user gets, on the start page or on a record page: those of the enabled
 * contributions (the ones given) that the user may see, whose own permission they hold, in order.
 * A contribution that goes away (its module switched off) takes its panels with it.
 */
final class PanelLists {

    private static final Comparator<PanelView> ORDER = Comparator.comparingInt(PanelView::order).thenComparing(PanelView::moduleId)
            .thenComparing(PanelView::id);

    private PanelLists() {
    }

    static List<PanelView> home(List<UiContribution> contributions, UserPrincipal user) {
        List<PanelView> panels = new ArrayList<>();
        for (UiContribution c : contributions) {
            if (!UiResource.maySee(user, c)) {
                continue;
            }
            for (HomePanel p : c.panels()) {
                if (p.administratorsOnly() ? user.isAdmin() : holds(user, p.permission())) {
                    panels.add(new PanelView(c.moduleId(), p.id(), ShellPaths.module(c.moduleId(), p.script()), p.order()));
                }
            }
        }
        panels.sort(ORDER);
        return panels;
    }

    /**
     * The panels for the pages of a record type. A type no enabled contribution shows (or not a
     * type at all) is refused with 400 naming the parameter {@code record}: a page asking for it
     * has a typo, or its module is off. None when the user may not see the page itself.
     */
    static List<PanelView> record(List<UiContribution> contributions, UserPrincipal user, String type) {
        if (!RecordPanel.isRecordType(type)) {
            throw Problems.invalid("record", "must be a record type such as contacts.person (the module's id, a dot and the type)");
        }
        UiContribution page = contributions.stream().filter(c -> c.recordTypes().contains(type)).findFirst()
                .orElseThrow(() -> Problems.invalid("record", "no enabled module shows records of the type " + type));
        if (!UiResource.maySee(user, page)) {
            return List.of();
        }
        List<PanelView> panels = new ArrayList<>();
        for (UiContribution c : contributions) {
            if (!UiResource.maySee(user, c)) {
                continue;
            }
            for (RecordPanel p : c.recordPanels()) {
                if (p.recordType().equals(type) && holds(user, p.permission())) {
                    panels.add(new PanelView(c.moduleId(), p.id(), ShellPaths.module(c.moduleId(), p.script()), p.order()));
                }
            }
        }
        panels.sort(ORDER);
        return panels;
    }

    private static boolean holds(UserPrincipal user, String permission) {
        return permission == null || user.hasPermission(permission);
    }
}
