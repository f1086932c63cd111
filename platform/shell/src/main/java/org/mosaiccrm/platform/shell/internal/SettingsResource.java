package org.mosaiccrm.platform.shell.internal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.mosaiccrm.platform.api.modules.ModuleException;
import org.mosaiccrm.platform.api.modules.ModuleInfo;
import org.mosaiccrm.platform.api.modules.ModuleManager;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.rest.Versions;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/settings}: the company's name, default language, theme, time zone and currency.
 * Every signed-in user reads them; administrators change them, sending the version they saw.
 * {@code PUT /api/v1/settings/setup} is the first-start setup: the same settings (but the theme)
 * and the modules to have switched on, in one call; it marks the setup done.
 */
@Component(service = SettingsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("settings")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    static final int MAX_COMPANY_NAME = 100;

    @Reference
    private ShellStore store;

    @Reference
    private UiRegistry registry;

    @Reference
    private AccessControl access;

    @Reference
    private AuditLog audit;

    @Reference
    private ModuleManager modules;

    @GET
    @ApiAnswer(value = Settings.class, headers = ApiAnswer.ETAG)
    public Response get() {
        access.currentUser();
        Settings s = store.settings();
        return Response.ok(s).tag(Versions.etag(s.version())).build();
    }

    @PUT
    @ApiAnswer(value = Settings.class, headers = ApiAnswer.ETAG)
    public Response update(SettingsInput input, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        access.requireAdmin();
        if (input == null) {
            throw Problems.badRequest("A JSON object with companyName, defaultLanguage and theme is expected.");
        }
        Settings current = store.settings();
        Settings valid = validate(input.companyName(), input.defaultLanguage(), input.theme(),
                input.timeZone() == null ? current.timeZone() : input.timeZone(),
                input.currency() == null ? current.currency() : input.currency(), List.of());
        return save(valid, Versions.expected(ifMatch, input.version()), false);
    }

    /**
     * The first-start setup (an administrator may run it again from the console): settings and
     * the modules to have on. Everything is checked before anything changes; the modules are
     * switched first, so that a refused switch leaves the settings (and "setup done") as they were.
     */
    @PUT
    @Path("setup")
    @ApiAnswer(value = Settings.class, headers = ApiAnswer.ETAG)
    public Response setup(SetupInput input, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        access.requireAdmin();
        if (input == null) {
            throw Problems.badRequest("A JSON object with companyName, defaultLanguage, timeZone, currency and modules is expected.");
        }
        Settings current = store.settings();
        List<FieldError> moduleErrors = new ArrayList<>();
        Set<String> wanted = new LinkedHashSet<>();
        if (input.modules() == null) {
            moduleErrors.add(new FieldError("modules", "is required: the ids of the modules to switch on"));
        } else {
            for (String id : input.modules()) {
                if (id == null || modules.find(id).isEmpty()) {
                    moduleErrors.add(new FieldError("modules", "names an unknown module '" + id + "'"));
                } else {
                    wanted.add(id);
                }
            }
        }
        Settings valid = validate(input.companyName(), input.defaultLanguage(), current.theme(), input.timeZone(), input.currency(),
                moduleErrors);
        Long expected = Versions.expected(ifMatch, input.version());
        if (expected != null && expected != current.version()) {
            throw Problems.staleVersion(current.version());
        }
        switchModules(wanted);
        return save(valid, expected, true);
    }

    /** Switches on what is wanted (with what it requires), then off what is not and nothing wanted needs. */
    private void switchModules(Set<String> wanted) {
        try {
            for (String id : wanted) {
                if (!modules.find(id).map(ModuleInfo::enabled).orElse(false)) {
                    modules.enable(id);
                    audit.record("admin.module.enabled", "module/" + id, Map.of("by", "setup"));
                }
            }
            for (ModuleInfo m : modules.list()) {
                boolean neededByWanted = modules.list().stream()
                        .anyMatch(w -> wanted.contains(w.id()) && w.requires().contains(m.id()));
                if (m.enabled() && !wanted.contains(m.id()) && !neededByWanted) {
                    modules.disable(m.id());
                    audit.record("admin.module.disabled", "module/" + m.id(), Map.of("by", "setup"));
                }
            }
        } catch (ModuleException e) {
            throw e.reason() == ModuleException.Reason.UNKNOWN_MODULE ? Problems.invalid("modules", e.getMessage()) : e.toProblem();
        }
    }

    private Response save(Settings valid, Long expected, boolean setup) {
        Settings saved = store.persistence().write(ctx -> {
            Settings before = store.settings(ctx);
            if (expected != null && expected != before.version()) {
                throw Problems.staleVersion(before.version());
            }
            Settings after = store.save(ctx, new Settings(valid.companyName(), valid.defaultLanguage(), valid.theme(),
                    valid.timeZone(), valid.currency(), setup || before.setupDone(), 0), before.version());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("companyName", List.of(before.companyName(), after.companyName()));
            detail.put("defaultLanguage", List.of(before.defaultLanguage(), after.defaultLanguage()));
            detail.put("theme", List.of(before.theme(), after.theme()));
            detail.put("timeZone", List.of(before.timeZone(), after.timeZone()));
            detail.put("currency", List.of(before.currency(), after.currency()));
            audit.record(setup ? "admin.settings.setup" : "admin.settings.updated", "settings", detail);
            return after;
        });
        store.languageChanged(saved.defaultLanguage());
        return Response.ok(saved).tag(Versions.etag(saved.version())).build();
    }

    /** What an administrator sends; {@code version} is the one they saw (optional); time zone and currency stay when left out. */
    public record SettingsInput(String companyName, String defaultLanguage, String theme, String timeZone, String currency,
            Long version) {
    }

    /** The first-start setup: the settings but the theme, and the ids of the modules to have switched on. */
    public record SetupInput(String companyName, String defaultLanguage, String timeZone, String currency, List<String> modules,
            Long version) {
    }

    private Settings validate(String companyName, String language, String theme, String timeZone, String currency,
            List<FieldError> more) {
        List<FieldError> errors = new ArrayList<>();
        String name = companyName == null ? "" : companyName.strip();
        if (name.length() > MAX_COMPANY_NAME) {
            errors.add(new FieldError("companyName", "is longer than " + MAX_COMPANY_NAME + " characters"));
        }
        if (!Languages.isSupported(language)) {
            errors.add(new FieldError("defaultLanguage", "must be one of " + Languages.SUPPORTED));
        }
        if (theme == null || registry.theme(theme).isEmpty()) {
            errors.add(new FieldError("theme", "must be one of the installed themes "
                    + registry.themes().stream().map(t -> t.theme().id()).toList()));
        }
        String zone = zone(timeZone);
        if (zone == null) {
            errors.add(new FieldError("timeZone", "must be a time zone id such as Europe/Ljubljana or UTC"));
        }
        String code = currency(currency);
        if (code == null) {
            errors.add(new FieldError("currency", "must be an ISO 4217 currency code such as EUR or USD"));
        }
        errors.addAll(more);
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return new Settings(name, language, theme, zone, code, false, 0);
    }

    /** The region-based or UTC zone id as Java knows it, or null; fixed offsets such as +02:00 are refused (no daylight saving). */
    static String zone(String id) {
        if (id == null || id.isBlank() || !(id.contains("/") || "UTC".equals(id))) {
            return null;
        }
        try {
            return ZoneId.of(id.strip()).getId();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The upper-case ISO 4217 code, or null. */
    static String currency(String code) {
        if (code == null || !code.strip().matches("[A-Za-z]{3}")) {
            return null;
        }
        try {
            return Currency.getInstance(code.strip().toUpperCase(java.util.Locale.ROOT)).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
