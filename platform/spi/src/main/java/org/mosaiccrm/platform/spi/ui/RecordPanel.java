package org.mosaiccrm.platform.spi.ui;

import java.util.regex.Pattern;

/**
 * A panel one module adds to another module's record page, e.g. analytics' figures on a person's
 * page in contacts: an ES module in the contribution's folder whose exported
 * {@code mount(card, mosaic, record)} renders into the panel's own card, {@code record} being
 * {@code { type, id }} of the record shown. A record page shows the panels of every enabled module
 * the user may use for its type, in {@link #order()}; a failing panel never breaks the page. The
 * page that shows records of a type names it in {@link UiContribution#recordTypes()}.
 *
 * @param id         short id, unique within the contribution, e.g. {@code customer}
 * @param recordType the record type whose pages show the panel: the owning module's id, a dot
 *                   and the type, e.g. {@code contacts.person} or {@code funnel.product}
 * @param script     file name of the ES module in the contribution's folder, e.g. {@code person-panel.js}
 * @param permission permission the user needs to see the panel, or null for every user who sees the page
 * @param order      position among the page's panels, smaller first
 * @since 1.4
 */
public record RecordPanel(String id, String recordType, String script, String permission, int order) {

    /** What a record type looks like: {@code <module>.<type>}, lower-case letters, digits and dashes. */
    private static final Pattern RECORD_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*");

    public RecordPanel {
        PanelNames.check(id, script);
        if (recordType == null || !RECORD_TYPE.matcher(recordType).matches()) {
            throw new IllegalArgumentException("A record type is the module's id, a dot and the type, e.g. contacts.person: " + recordType);
        }
    }

    /** Whether the text is a record type such as {@code contacts.person}: the module's id, a dot and the type, in lower-case letters, digits and dashes. */
    public static boolean isRecordType(String text) {
        return text != null && RECORD_TYPE.matcher(text).matches();
    }
}
