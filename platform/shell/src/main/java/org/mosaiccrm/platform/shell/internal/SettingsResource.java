package org.mosaiccrm.platform.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
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
 * {@code /api/v1/settings}: the company's name, default language and theme. Every signed-in
 * user reads them; administrators change them, sending the version they saw.
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
        Settings valid = validate(input);
        Long expected = Versions.expected(ifMatch, input.version());
        Settings saved = store.persistence().write(ctx -> {
            Settings before = store.settings(ctx);
            if (expected != null && expected != before.version()) {
                throw Problems.staleVersion(before.version());
            }
            Settings after = store.save(ctx, valid, before.version());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("companyName", List.of(before.companyName(), after.companyName()));
            detail.put("defaultLanguage", List.of(before.defaultLanguage(), after.defaultLanguage()));
            detail.put("theme", List.of(before.theme(), after.theme()));
            audit.record("admin.settings.updated", "settings", detail);
            return after;
        });
        store.languageChanged(saved.defaultLanguage());
        return Response.ok(saved).tag(Versions.etag(saved.version())).build();
    }

    /** What an administrator sends; {@code version} is the one they saw (optional). */
    public record SettingsInput(String companyName, String defaultLanguage, String theme, Long version) {
    }

    private Settings validate(SettingsInput input) {
        if (input == null) {
            throw Problems.badRequest("A JSON object with companyName, defaultLanguage and theme is expected.");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = input.companyName() == null ? "" : input.companyName().strip();
        if (name.length() > MAX_COMPANY_NAME) {
            errors.add(new FieldError("companyName", "is longer than " + MAX_COMPANY_NAME + " characters"));
        }
        if (!Languages.isSupported(input.defaultLanguage())) {
            errors.add(new FieldError("defaultLanguage", "must be one of " + Languages.SUPPORTED));
        }
        if (input.theme() == null || registry.theme(input.theme()).isEmpty()) {
            errors.add(new FieldError("theme", "must be one of the installed themes "
                    + registry.themes().stream().map(t -> t.theme().id()).toList()));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return new Settings(name, input.defaultLanguage(), input.theme(), 0);
    }
}
