package org.mosaiccrm.platform.api.fields;

import org.mosaiccrm.platform.api.rest.FieldError;

/**
 * Why a custom field refused a value: the English reason (completing "the field ...") with the
 * code and parameters of a {@link FieldError}, so that the refusal is answered in the user's
 * language like every other field error.
 */
public class InvalidValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final transient Object[] params;

    public InvalidValueException(String code, String message, Object... params) {
        super(message);
        this.code = code;
        this.params = params.clone();
    }

    public String code() {
        return code;
    }

    /**
     * The error of the field with this JSON name; the custom field's label (as the
     * administrator wrote it) goes along as the {@code label} parameter, the name messages show.
     */
    public FieldError at(String field, String label) {
        Object[] all = java.util.Arrays.copyOf(params, params.length + 2);
        all[params.length] = "label";
        all[params.length + 1] = label;
        return FieldError.of(field, code, getMessage(), all);
    }
}
