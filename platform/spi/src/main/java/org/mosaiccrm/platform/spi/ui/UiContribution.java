package org.mosaiccrm.platform.spi.ui;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Pages a module adds to the web shell. The module registers this as a DS service from its own
 * bundle; the shell serves the files below {@link #resourceFolder()} of that bundle at
 * {@code /ui/modules/<moduleId>/<file>}, lists the contribution in {@code GET /api/v1/ui} for
 * users allowed to see it, and drops it (menu entries, routes, files, messages) the moment the
 * service goes away, e.g. when an administrator disables the module.
 *
 * <p>The script is an ES module. When the user opens one of {@link #routes()} the shell imports
 * it and calls its exported {@code mount(container, mosaic)}; see the shell's documentation
 * ({@code platform/shell/README.md}) for what {@code mosaic} offers (templates, API calls with the
 * CSRF header, messages, Intl formatting, navigation). Customer data goes into templates as
 * bindings, which render it as text.
 */
@ConsumerType
public interface UiContribution {

    /** Id of the contributing module, e.g. {@code notes}; the first segment of its file URLs. */
    String moduleId();

    /** Folder inside the contributing bundle that holds the script, styles and message files, e.g. {@code ui}. */
    String resourceFolder();

    /** File name of the ES module script in the folder, e.g. {@code notes.js}. */
    String script();

    /** File names of style sheets in the folder; use the theme's CSS custom properties. */
    List<String> styles();

    /** Client-side path prefixes the script renders, e.g. {@code /notes}; each owned by one contribution. */
    List<String> routes();

    /** Entries for the top navigation; filtered per user by permission. */
    List<MenuEntry> menu();

    /**
     * Base name of the message files in the folder, e.g. {@code messages}: {@code messages.properties}
     * holds the English texts, {@code messages_es.properties} the Spanish ones, and so on (UTF-8).
     * Keys start with the module id and a dot. A key missing in a language falls back to English.
     */
    String messages();

    /**
     * One of {@link #routes()} that shows search results for {@code ?q=…}, for a contribution
     * that provides global search; the shell then offers a search box on every page that leads
     * there. Null (the default) for every other contribution.
     */
    default String searchRoute() {
        return null;
    }

    /**
     * Panels the contribution adds to the start page; see {@link HomePanel}. None by default,
     * so that contributions written before the start page had panels keep working.
     */
    default List<HomePanel> panels() {
        return List.of();
    }

    /**
     * The module's page in the customer portal ({@code /portal}): an ES module in the folder whose
     * exported {@code mountPortal(container, portal)} the portal's host page calls for visitors
     * who are customers, never staff (what {@code portal} offers: {@code platform/shell/README.md}).
     * Null (the default) for modules without one.
     *
     * @since 1.3
     */
    default String portalScript() {
        return null;
    }

    /**
     * Record types whose pages this contribution shows with a place for other modules' panels
     * ({@link RecordPanel}), e.g. {@code contacts.person}: each starts with {@link #moduleId()}
     * and a dot. The shell lists panels only for the types of enabled contributions. None by default.
     *
     * @since 1.4
     */
    default List<String> recordTypes() {
        return List.of();
    }

    /**
     * Panels the contribution adds to other modules' record pages (or its own); see
     * {@link RecordPanel}. None by default.
     *
     * @since 1.4
     */
    default List<RecordPanel> recordPanels() {
        return List.of();
    }
}
