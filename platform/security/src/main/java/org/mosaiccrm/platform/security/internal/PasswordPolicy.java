package org.mosaiccrm.platform.security.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;

import org.mosaiccrm.platform.api.rest.FieldError;
import java.util.Set;

/**
 * What a password must be (OWASP ASVS 5.0, V6): at least 12 characters, at most 128, not one
 * of the commonly used passwords, not the user name. No composition rules; they push users
 * towards predictable patterns.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load();
    }

    /** Why a password is refused: a field error's code, English message and parameters. */
    record Reason(String code, String message, Object... params) {

        /** The refusal as the error of the field that held the password. */
        FieldError at(String field) {
            return FieldError.of(field, code, message, params);
        }
    }

    /** Why the password is refused, or empty when it is acceptable. */
    Optional<Reason> check(String password, String username) {
        if (password == null || password.isEmpty()) {
            return Optional.of(new Reason("required", "is required"));
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of(new Reason("passwordTooShort", "must have at least " + MIN_LENGTH + " characters", "min", MIN_LENGTH));
        }
        if (length > MAX_LENGTH) {
            return Optional.of(new Reason("passwordTooLong", "must have at most " + MAX_LENGTH + " characters", "max", MAX_LENGTH));
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower) || common.contains(lower.replaceAll("[0-9!.?]+$", ""))) {
            return Optional.of(new Reason("passwordCommon", "is too common; choose a password that is not on lists of leaked passwords"));
        }
        if (username != null && !username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of(new Reason("passwordHasUsername", "must not contain the user name"));
        }
        if (password.chars().distinct().count() < 4) {
            return Optional.of(new Reason("passwordTooSimple", "repeats too few different characters"));
        }
        return Optional.empty();
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String w = line.trim().toLowerCase(Locale.ROOT);
                if (!w.isEmpty() && !w.startsWith("#")) {
                    words.add(w);
                }
            }
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("The list of common passwords is missing from the bundle", e);
        }
        return words;
    }
}
