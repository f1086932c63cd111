package org.mosaiccrm.platform.web.internal;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.HttpHeaders;

import org.mosaiccrm.platform.api.i18n.Languages;
import org.mosaiccrm.platform.api.i18n.Translations;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problem;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * The one place where every problem the API answers (thrown, mapped, or answered by a filter
 * before the resource ran) is said in the request's language: the user's own choice when
 * signed in, else Accept-Language, else the company's language, else English — the web
 * shell's rule ({@link Translations#languageFor}). Runs before the authentication filter forgets
 * the request's user (response filters run in descending priority).
 */
@Component(service = ContainerResponseFilter.class)
@JaxrsExtension
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Priority(Priorities.USER)
public class ProblemLanguage implements ContainerResponseFilter {

    private static final String API_PREFIX = "api/v1/";

    private final ProblemTranslator translator = new ProblemTranslator();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Translations translations;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AccessControl access;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Problem problem)) {
            return;
        }
        Translations texts = translations;
        String accept = request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE);
        String language;
        if (texts != null) {
            AccessControl ac = access;
            String userId = ac == null ? null : ac.findCurrentUser().map(UserPrincipal::id).orElse(null);
            language = texts.languageFor(userId, accept);
        } else {
            language = Languages.choose(null, accept, null);
        }
        response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        response.getHeaders().putSingle(HttpHeaders.CONTENT_LANGUAGE, language);
        response.setEntity(translator.translate(problem, language, module(request.getUriInfo().getPath()),
                (lang, key) -> texts == null ? null : texts.text(lang, key)));
    }

    /** The module a request addressed: the first segment under {@code /api/v1}. */
    static String module(String path) {
        String p = path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
        if (p.startsWith(API_PREFIX)) {
            p = p.substring(API_PREFIX.length());
        }
        int slash = p.indexOf('/');
        String first = slash < 0 ? p : p.substring(0, slash);
        return first.isEmpty() ? null : first;
    }
}
