package org.mosaiccrm.platform.shell.internal;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.i18n.CompanyLocale;
import org.mosaiccrm.platform.api.persistence.CollationKeys;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.spi.DataContribution;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Reads and writes settings and preferences in the shell's tables, and tells modules the company's zone and language. */
@Component(service = {ShellStore.class, CompanyLocale.class})
public class ShellStore implements CompanyLocale {

    private static final String COMPANY_NAME = "company.name";
    private static final String DEFAULT_LANGUAGE = "default.language";
    private static final String THEME = "theme";
    private static final String TIME_ZONE = "time.zone";
    private static final String CURRENCY = "currency";
    private static final String SETUP_DONE = "setup.done";
    private static final String VERSION = "version";

    @Reference
    private Persistence persistence;

    /** The tables must exist before the store reads them. */
    @Reference(target = "(mosaic.data=shell)")
    private DataContribution shellData;

    /** The company's language as sort keys follow it (CollationKeys), re-read at most every 30 seconds (another node may change it). */
    private volatile String language;
    private volatile long languageReadAt;

    @Activate
    void activate() {
        CollationKeys.languageSource(this::companyLanguage);
    }

    @Deactivate
    void deactivate() {
        CollationKeys.languageSource(null);
    }

    /** The company's language, read at most every 30 seconds. */
    String companyLanguage() {
        long now = System.nanoTime();
        if (language == null || now - languageReadAt > 30_000_000_000L) {
            language = settings().defaultLanguage();
            languageReadAt = now;
        }
        return language;
    }

    /** After settings were committed: keys follow the new language at once on this node. */
    void languageChanged(String defaultLanguage) {
        language = defaultLanguage;
        languageReadAt = System.nanoTime();
    }

    @Override
    public ZoneId timeZone() {
        return ZoneId.of(settings().timeZone());
    }

    @Override
    public String language() {
        return settings().defaultLanguage();
    }

    public Persistence persistence() {
        return persistence;
    }

    public Settings settings() {
        return persistence.read(this::settings);
    }

    Settings settings(ObjectContext ctx) {
        Map<String, String> values = new HashMap<>();
        for (DataRow r : Sql.rows(ctx, "SELECT NAME, SETTING_VALUE FROM SHELL_SETTING")) {
            values.put(Sql.str(r, "NAME"), Sql.str(r, "SETTING_VALUE"));
        }
        Settings d = Settings.defaults();
        return new Settings(values.getOrDefault(COMPANY_NAME, d.companyName()),
                values.getOrDefault(DEFAULT_LANGUAGE, d.defaultLanguage()), values.getOrDefault(THEME, d.theme()),
                values.getOrDefault(TIME_ZONE, d.timeZone()), values.getOrDefault(CURRENCY, d.currency()),
                Boolean.parseBoolean(values.getOrDefault(SETUP_DONE, Boolean.toString(d.setupDone()))),
                Long.parseLong(values.getOrDefault(VERSION, Long.toString(d.version()))));
    }

    /** Stores the settings inside the caller's transaction and returns them with the next version. */
    Settings save(ObjectContext ctx, Settings s, long currentVersion) {
        long next = currentVersion + 1;
        put(ctx, COMPANY_NAME, s.companyName());
        put(ctx, DEFAULT_LANGUAGE, s.defaultLanguage());
        put(ctx, THEME, s.theme());
        put(ctx, TIME_ZONE, s.timeZone());
        put(ctx, CURRENCY, s.currency());
        put(ctx, SETUP_DONE, Boolean.toString(s.setupDone()));
        put(ctx, VERSION, Long.toString(next));
        return s.withVersion(next);
    }

    private static void put(ObjectContext ctx, String name, String value) {
        if (Sql.exec(ctx, "UPDATE SHELL_SETTING SET SETTING_VALUE = ?, UPDATED_AT = ? WHERE NAME = ?", value, Sql.ts(Sql.now()), name) == 0) {
            Sql.exec(ctx, "INSERT INTO SHELL_SETTING (NAME, SETTING_VALUE, UPDATED_AT) VALUES (?, ?, ?)", name, value, Sql.ts(Sql.now()));
        }
    }

    public Preferences preferences(String userId) {
        return persistence.read(ctx -> {
            DataRow r = Sql.row(ctx, "SELECT LANGUAGE, THEME FROM SHELL_PREFERENCE WHERE USER_ID = ?", userId);
            return r == null ? Preferences.NONE : new Preferences(Sql.str(r, "LANGUAGE"), Sql.str(r, "THEME"));
        });
    }

    void savePreferences(ObjectContext ctx, String userId, Preferences p) {
        if (Sql.exec(ctx, "UPDATE SHELL_PREFERENCE SET LANGUAGE = ?, THEME = ?, UPDATED_AT = ? WHERE USER_ID = ?",
                p.language(), p.theme(), Sql.ts(Sql.now()), userId) == 0) {
            Sql.exec(ctx, "INSERT INTO SHELL_PREFERENCE (USER_ID, LANGUAGE, THEME, UPDATED_AT) VALUES (?, ?, ?, ?)",
                    userId, p.language(), p.theme(), Sql.ts(Sql.now()));
        }
    }
}
