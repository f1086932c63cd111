package org.mosaiccrm.platform.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.mosaiccrm.platform.spi.ui.MenuEntry;
import org.mosaiccrm.platform.spi.ui.UiContribution;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /api/v1/ui}: what the shell shows right now. Without a sign-in it tells the
 * company's name, default language and theme, the languages and the themes (enough for the
 * sign-in page); for a signed-in user it adds their preferences and the contributions and menu
 * entries of the enabled modules they may see. The shell polls it, so a module switched off
 * leaves the navigation within seconds. {@code GET /api/v1/ui/messages?lang=es} gives every
 * message in one language.
 */
@Component(service = UiResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("ui")
@Produces(MediaType.APPLICATION_JSON)
public class UiResource {

    public record Company(String name, String defaultLanguage, String theme, String timeZone, String currency) {
    }

    public record Language(String code, String name) {
    }

    public record ThemeView(String id, String stylesheet, String logo, boolean dark) {
    }

    /**
     * The signed-in user; {@code permissions} lets pages hide what the server would refuse anyway;
     * {@code setupPending} is true for an administrator while the first-start setup is not done.
     */
    public record UserView(String id, String username, String teamId, boolean admin, List<String> permissions, String language, String theme,
            boolean setupPending) {
    }

    /** A panel the user may see, of the start page or of a record page: its module, id, script URL and position. */
    public record PanelView(String moduleId, String id, String script, int order) {
    }

    public record ContributionView(String moduleId, String script, List<String> styles, List<String> routes, String searchRoute) {
    }

    public record MenuView(String moduleId, String labelKey, String route, int order) {
    }

    /**
     * Pages of an enabled module the user may not open, and the permission that would open them,
     * so that the shell names what to ask for instead of saying the page does not exist.
     */
    public record LockedView(String route, String permission, String permissionDescription) {
    }

    public record Ui(Company company, List<Language> languages, List<ThemeView> themes, UserView user,
            List<ContributionView> contributions, List<MenuView> menu, List<LockedView> locked, String messagesTag) {
    }

    public record Messages(String language, Map<String, String> messages) {
    }

    @Reference
    private UiRegistry registry;

    @Reference
    private ShellStore store;

    @Reference
    private AccessControl access;

    @GET
    public Ui ui() {
        Settings settings = store.settings();
        Company company = new Company(settings.companyName(), settings.defaultLanguage(), settings.theme(), settings.timeZone(),
                settings.currency());
        List<Language> languages = new ArrayList<>();
        for (String code : Languages.SUPPORTED) {
            languages.add(new Language(code, registry.messages(code).getOrDefault("language.name", code)));
        }
        List<ThemeView> themes = registry.themes().stream()
                .map(t -> new ThemeView(t.theme().id(), ShellPaths.theme(t.theme().id(), t.theme().stylesheet()),
                        ShellPaths.theme(t.theme().id(), t.theme().logo()), t.theme().dark()))
                .toList();
        Optional<UserPrincipal> user = access.findCurrentUser();
        if (user.isEmpty()) {
            return new Ui(company, languages, themes, null, List.of(), List.of(), List.of(), registry.tag());
        }
        UserPrincipal u = user.get();
        Preferences prefs = store.preferences(u.id());
        List<ContributionView> contributions = new ArrayList<>();
        List<MenuView> menu = new ArrayList<>();
        List<LockedView> locked = new ArrayList<>();
        for (UiRegistry.Page page : registry.pages()) {
            UiContribution c = page.contribution();
            List<MenuEntry> visible = c.menu().stream().filter(e -> maySee(u, e)).toList();
            if (!maySee(u, c)) {
                c.menu().stream().filter(e -> !e.administratorsOnly() && e.permission() != null).findFirst().ifPresent(e ->
                        c.routes().forEach(r -> locked.add(new LockedView(r, e.permission(), registry.permissionDescription(e.permission())))));
                continue;
            }
            contributions.add(new ContributionView(c.moduleId(), ShellPaths.module(c.moduleId(), c.script()),
                    c.styles().stream().map(s -> ShellPaths.module(c.moduleId(), s)).toList(), List.copyOf(c.routes()), c.searchRoute()));
            visible.forEach(e -> menu.add(new MenuView(c.moduleId(), e.labelKey(), e.route(), e.order())));
        }
        menu.sort(Comparator.comparingInt(MenuView::order).thenComparing(MenuView::route));
        return new Ui(company, languages, themes, new UserView(u.id(), u.username(), u.teamId(), u.isAdmin(),
                u.permissions().stream().sorted().toList(), prefs.language(), prefs.theme(), u.isAdmin() && !settings.setupDone()),
                contributions, menu, locked, registry.tag());
    }

    /**
     * {@code GET /api/v1/ui/panels}: the start page panels of the enabled modules the user may
     * see, in order; with {@code ?record=contacts.person}, the panels for that record type's pages
     * instead (400 for a type no enabled module shows). A module switched off takes its panels
     * with it (its contribution goes away).
     */
    @GET
    @Path("panels")
    public List<PanelView> panels(@QueryParam("record") String record) {
        UserPrincipal u = access.currentUser();
        List<UiContribution> contributions = registry.pages().stream().map(UiRegistry.Page::contribution).toList();
        return record == null ? PanelLists.home(contributions, u) : PanelLists.record(contributions, u, record);
    }

    /** A module's page in the customer portal: its script and styles, served like its shell pages. */
    public record PortalPage(String moduleId, String script, List<String> styles) {
    }

    /**
     * {@code GET /api/v1/ui/portal}: the portal pages of the enabled modules, for the portal's
     * host page ({@code /portal}); anyone may ask, as anyone may load the files.
     */
    @GET
    @Path("portal")
    public List<PortalPage> portal() {
        List<PortalPage> pages = new ArrayList<>();
        for (UiRegistry.Page page : registry.pages()) {
            UiContribution c = page.contribution();
            if (c.portalScript() != null) {
                pages.add(new PortalPage(c.moduleId(), ShellPaths.module(c.moduleId(), c.portalScript()),
                        c.styles().stream().map(s -> ShellPaths.module(c.moduleId(), s)).toList()));
            }
        }
        pages.sort(Comparator.comparing(PortalPage::moduleId));
        return pages;
    }

    @GET
    @Path("messages")
    public Messages messages(@QueryParam("lang") String lang) {
        String language = Languages.isSupported(lang) ? lang : Languages.DEFAULT;
        return new Messages(language, registry.messages(language));
    }

    /** A contribution with menu entries is the user's when one of them is; one without (the start page) is everyone's. */
    static boolean maySee(UserPrincipal user, UiContribution contribution) {
        return contribution.menu().isEmpty() || contribution.menu().stream().anyMatch(e -> maySee(user, e));
    }

    static boolean maySee(UserPrincipal user, MenuEntry entry) {
        if (entry.administratorsOnly()) {
            return user.isAdmin();
        }
        return entry.permission() == null || user.hasPermission(entry.permission());
    }
}
