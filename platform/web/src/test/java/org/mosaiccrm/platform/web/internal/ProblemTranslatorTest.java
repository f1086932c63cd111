package org.mosaiccrm.platform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.Problem;
import org.mosaiccrm.platform.api.rest.ProblemException;
import org.mosaiccrm.platform.api.rest.Problems;

/** Problems said in the request's language from their codes, with fields named by their labels. */
class ProblemTranslatorTest {

    /** What the modules' UI messages hold: contacts' field labels and a module code of the funnel. */
    private static final Map<String, Map<String, String>> MODULES = Map.of(
            "sl", Map.of("contacts.field.firstName", "Ime", "funnel.dealClosed", "Posel »{title}« je že zaključen."),
            "en", Map.of("contacts.field.firstName", "First name", "funnel.dealClosed", "The deal '{title}' is closed already."));
    private static final BiFunction<String, String, String> TEXTS = (language, key) -> {
        String text = MODULES.getOrDefault(language, Map.of()).get(key);
        return text != null ? text : MODULES.get("en").get(key);
    };

    private final ProblemTranslator translator = new ProblemTranslator();

    private static Problem invalid(Map<String, Object> body) {
        FieldReader in = new FieldReader(body);
        in.text("firstName", 3);
        if (in.text("lastName", 100) == null) {
            in.required("lastName");
        }
        in.labelled("emails", "address", FieldReader.EMAIL, 320, "email address");
        try {
            in.requireValid();
            throw new AssertionError("expected a problem");
        } catch (ProblemException e) {
            return e.problem();
        }
    }

    @Test
    void fieldErrorsAndTheDetailAreSaidInTheLanguageNamingFieldsByTheirLabels() {
        Problem sl = translator.translate(invalid(Map.of("firstName", "Janez", "emails", List.of("nope"))), "sl", "contacts", TEXTS);
        assertEquals("Neveljavna zahteva", sl.title());
        assertEquals("Neveljavnih polj: 3.", sl.detail());
        assertEquals(List.of("je daljše od 3 znakov", "je obvezno", "ni veljaven e-poštni naslov"),
                sl.errors().stream().map(FieldError::message).toList());
        assertEquals(List.of("tooLong", "required", "notAnEmail"), sl.errors().stream().map(FieldError::code).toList(),
                "codes stay as they are");
        assertEquals(Map.of("max", 3), sl.errors().get(0).params());

        Problem one = translator.translate(Problems.invalid("firstName", "required", "is required").problem(), "sl", "contacts", TEXTS);
        assertEquals("Polje »Ime« ni veljavno: je obvezno", one.detail(), "the module's label for its field");
        Problem platformField = translator.translate(Problems.invalid("ownerId", "notAUser", "is not a user id").problem(), "es", "contacts",
                TEXTS);
        assertEquals("El campo «Propietario» no es válido: no es un id de usuario", platformField.detail(), "the platform's own label");
        Problem unknown = translator.translate(Problems.invalid("zzz", "required", "is required").problem(), "ru", null, TEXTS);
        assertEquals("Поле «zzz» заполнено неверно: обязательно для заполнения", unknown.detail(), "no label anywhere: the JSON name");
    }

    @Test
    void aCustomFieldIsNamedByTheLabelItsErrorBrings() {
        Problem p = Problems.invalid(List.of(FieldError.of("customFields.tier", "required", "is required", "label", "Raven"))).problem();
        assertEquals("Polje »Raven« ni veljavno: je obvezno", translator.translate(p, "sl", "contacts", TEXTS).detail());
    }

    @Test
    void problemsOfThePlatformAndOfModulesAreTranslatedWithTheirParameters() {
        assertEquals("Zapis je medtem spremenil nekdo drug; njegova trenutna različica je 7. Znova ga naložite in ponovite spremembo.",
                translator.translate(Problems.staleVersion(7).problem(), "sl", "contacts", TEXTS).detail());
        Problem notFound = translator.translate(Problems.notFound("person", "abc").problem(), "tl", "contacts", TEXTS);
        assertEquals("Hindi nahanap", notFound.title());
        assertEquals("Walang record na (abc), o hindi mo ito maaaring makita.", notFound.detail());
        Problem missing = translator.translate(Problems.missingPermission("contacts.write", "Change contacts").problem(), "ru", null, TEXTS);
        assertEquals("Вам нужно разрешение «contacts.write» (Change contacts). Обратитесь к администратору.", missing.detail());
        assertEquals(Map.of("permission", "contacts.write", "permissionDescription", "Change contacts"), missing.extensions(),
                "extension members stay");
        Problem module = Problems.of(409, "deal-closed", "Conflict", "The deal 'X' is closed already.", "funnel.dealClosed", "title", "X")
                .problem();
        assertEquals("Posel »X« je že zaključen.", translator.translate(module, "sl", "funnel", TEXTS).detail(),
                "a module's code is a key of its own messages");
        assertEquals("Spor", translator.translate(module, "sl", "funnel", TEXTS).title());
    }

    @Test
    void englishAndTextsWithoutACodeStayAsWritten() {
        Problem p = invalid(Map.of("firstName", "Janez"));
        assertSame(p, translator.translate(p, "en", "contacts", TEXTS));
        assertSame(p, translator.translate(p, "de", "contacts", TEXTS), "a language Mosaic lacks: English");
        Problem literal = Problems.conflict("Something only this module says.").problem();
        Problem sl = translator.translate(literal, "sl", "contacts", TEXTS);
        assertEquals("Something only this module says.", sl.detail());
        assertEquals("Spor", sl.title(), "the title still follows the type");
        Problem uncodedField = Problems.invalid("x", "is odd").problem();
        assertEquals("is odd", translator.translate(uncodedField, "sl", null, TEXTS).errors().get(0).message());
        Problem moduleWithoutText = Problems.of(400, "bad-request", "Bad request", "English only.", "funnel.nothing").problem();
        assertEquals("English only.", translator.translate(moduleWithoutText, "sl", "funnel", TEXTS).detail());
    }

    @Test
    void theModuleIsTheFirstSegmentUnderTheApi() {
        assertEquals("contacts", ProblemLanguage.module("contacts/people/1"));
        assertEquals("contacts", ProblemLanguage.module("/api/v1/contacts/people"));
        assertEquals("audit", ProblemLanguage.module("audit"));
        assertEquals(null, ProblemLanguage.module(""));
    }

    @Test
    void codesAndParametersTravelInJsonNextToTheEnglishTexts() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = JsonMapper.create();
        String body = json.writeValueAsString(Problems.missingPermission("contacts.write", "Change contacts").problem());
        Map<?, ?> read = json.readValue(body, Map.class);
        assertEquals("missingPermission", read.get("code"));
        assertEquals("contacts.write", read.get("permission"), "extension members next to the standard ones");
        assertFalse(read.containsKey("extensions"));
        assertTrue(read.containsKey("errors"));
        String invalid = json.writeValueAsString(Problems.invalid("lastName", "tooLong", "is longer than 100 characters", "max", 100)
                .problem());
        Map<?, ?> errors = (Map<?, ?>) ((List<?>) json.readValue(invalid, Map.class).get("errors")).get(0);
        assertEquals(Map.of("field", "lastName", "message", "is longer than 100 characters", "code", "tooLong", "params", Map.of("max", 100)),
                errors);
        String plain = json.writeValueAsString(new FieldError("x", "is odd"));
        assertEquals("{\"field\":\"x\",\"message\":\"is odd\"}", plain, "no code: the old shape");
    }
}
