package org.mosaiccrm.platform.api.rest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error answer, as RFC 9457 defines it. {@code errors} names the offending
 * fields of a request that failed validation and is empty otherwise. {@code code} and
 * {@code params} name the reason of {@code detail} (see {@link FieldError} for how codes are
 * written and translated); {@code extensions} are further members written next to the
 * standard ones (RFC 9457, section 3.2), e.g. the permission a refused request needed.
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
        @JsonInclude(JsonInclude.Include.NON_NULL) String code,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> params,
        @JsonIgnore Map<String, Object> extensions) {

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
        params = copy(params);
        extensions = copy(extensions);
    }

    /** A problem without a code: its English detail is all there is. */
    public Problem(String type, String title, int status, String detail, List<FieldError> errors) {
        this(type, title, status, detail, errors, null, null, null);
    }

    /** The same problem said otherwise (in another language). */
    public Problem withTexts(String newTitle, String newDetail, List<FieldError> newErrors) {
        return new Problem(type, newTitle, status, newDetail, newErrors, code, params, extensions);
    }

    /** The extension members as JSON writes them, next to the standard ones. */
    @JsonAnyGetter
    public Map<String, Object> members() {
        return extensions;
    }

    private static Map<String, Object> copy(Map<String, Object> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
