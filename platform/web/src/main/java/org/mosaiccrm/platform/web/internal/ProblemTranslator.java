package org.mosaiccrm.platform.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.mosaiccrm.platform.api.csv.Labels;
import org.mosaiccrm.platform.api.i18n.Languages;
import org.mosaiccrm.platform.api.i18n.Texts;
import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.rest.Problem;

/**
 * Says a problem in a language: its title, its detail and each field error's message, from
 * their codes. The platform's codes (one word) have their texts in the platform's own
 * messages ({@code i18n/server_<language>.properties} next to this class); a module's codes
 * ({@code <module>.<name>}) are keys of the module's UI messages. A field is named by its label
 * in the language: the one an error brings along (a custom field's), else the module's
 * {@code <module>.field.<name>} (the module being the first segment of the request's path
 * under {@code /api/v1}), else the shell's {@code field.<name>}, else the platform's
 * {@code label.<name>}, else its JSON name.
 *
 * <p>English problems stay as the code wrote them, as does any text without a code or whose
 * code has no text in the language: nothing is lost, at worst it is English.
 */
final class ProblemTranslator {

    private static final Labels PLATFORM = Labels.of(ProblemTranslator.class, "i18n/server");

    private final Labels platform;

    ProblemTranslator() {
        this(PLATFORM);
    }

    ProblemTranslator(Labels platform) {
        this.platform = platform;
    }

    /**
     * The problem in the language; {@code moduleTexts} answers a module key's text in a
     * language (null when no module has it), {@code module} is the id the request addressed.
     */
    Problem translate(Problem problem, String language, String module, BiFunction<String, String, String> moduleTexts) {
        if (language == null || Languages.DEFAULT.equals(language) || !Languages.isSupported(language)) {
            return problem;
        }
        Lookup lookup = new Lookup(language, module, moduleTexts);
        List<FieldError> errors = new ArrayList<>(problem.errors().size());
        for (FieldError e : problem.errors()) {
            errors.add(lookup.message(e));
        }
        return problem.withTexts(lookup.title(problem), lookup.detail(problem, errors), errors);
    }

    private final class Lookup {
        private final String language;
        private final String module;
        private final BiFunction<String, String, String> moduleTexts;

        Lookup(String language, String module, BiFunction<String, String, String> moduleTexts) {
            this.language = language;
            this.module = module;
            this.moduleTexts = moduleTexts;
        }

        String title(Problem p) {
            // By the problem's type; a type the platform does not know (a module's) by its status.
            String type = p.type() == null ? "" : p.type();
            String text = type.startsWith("about:") ? null : own("title." + type.substring(type.lastIndexOf('/') + 1));
            if (text == null) {
                text = own("title.status." + p.status());
            }
            return text != null ? text : p.title();
        }

        String detail(Problem p, List<FieldError> translatedErrors) {
            String pattern = codeText(p.code(), "problem.");
            if (pattern == null) {
                return p.detail();
            }
            Map<String, Object> params = new LinkedHashMap<>(p.params());
            if (translatedErrors.size() == 1 && "invalidField".equals(p.code())) {
                FieldError only = translatedErrors.get(0);
                params.put("label", label(only));
                params.put("message", only.message());
            }
            return Texts.format(pattern, params);
        }

        FieldError message(FieldError e) {
            String pattern = codeText(e.code(), "field.");
            if (pattern == null) {
                return e;
            }
            Map<String, Object> params = new LinkedHashMap<>(e.params());
            params.put("label", label(e));
            return e.withMessage(Texts.format(pattern, params));
        }

        /** The field's name in the language (see the class comment). */
        String label(FieldError e) {
            if (e.params().get("label") instanceof String given && !given.isBlank()) {
                return given;
            }
            String name = e.field().split("[.\\[]", 2)[0];
            String text = module == null ? null : moduleTexts.apply(language, module + ".field." + name);
            if (text == null) {
                text = moduleTexts.apply(language, "field." + name);
            }
            if (text == null) {
                text = own("label." + name);
            }
            return text != null ? text : e.field();
        }

        private String codeText(String code, String prefix) {
            if (code == null || code.isBlank()) {
                return null;
            }
            return code.indexOf('.') > 0 ? moduleTexts.apply(language, code) : own(prefix + code);
        }

        private String own(String key) {
            return platform.text(key, language);
        }
    }
}
