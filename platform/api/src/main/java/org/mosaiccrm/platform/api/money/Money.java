package org.mosaiccrm.platform.api.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

import org.mosaiccrm.platform.api.rest.FieldReader;

/**
 * Money as Mosaic keeps it: a {@link BigDecimal} amount (NUMERIC in SQL, a decimal string in
 * JSON, never a floating-point number anywhere) and an ISO 4217 currency code. Amounts are
 * stored with {@link #SCALE} decimals, enough for unit prices of a fraction of a cent, and shown
 * with at least the currency's own decimals ({@code "1250.00"} in EUR, {@code "1250"} in JPY).
 */
public final class Money {

    /** Decimals stored: NUMERIC(19, 4) / DECIMAL(19, 4). */
    public static final int SCALE = 4;
    /** The SQL type of an amount column. */
    public static final String SQL_TYPE = "DECIMAL(19, 4)";
    /** The largest amount a column holds: 15 digits before the point. */
    public static final BigDecimal MAX = new BigDecimal("999999999999999.9999");

    private static final Pattern DECIMAL = Pattern.compile("^-?[0-9]{1,15}(\\.[0-9]{1,4})?$");
    private static final Pattern CODE = Pattern.compile("^[A-Z]{3}$");

    private Money() {
    }

    /**
     * A decimal string such as {@code "1250.00"} (or a whole JSON number) between {@code min} and
     * {@link #MAX}, with at most {@link #SCALE} decimals; null when absent. A JSON number with a
     * fraction is refused: it has passed through a binary floating-point value on its way.
     */
    public static BigDecimal amount(FieldReader in, String field, BigDecimal min) {
        Object v = in.raw(field);
        if (v == null) {
            return null;
        }
        String text;
        if (v instanceof String s) {
            text = s.strip();
        } else if (v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger) {
            text = v.toString();
        } else {
            in.error(field, "notADecimal", "must be a decimal string such as \"1250.00\"");
            return null;
        }
        if (!DECIMAL.matcher(text).matches()) {
            in.error(field, "decimalDigits", "must be a decimal number with at most 15 digits before the point and " + SCALE + " after it, such as \"1250.00\"",
                    "before", 15, "after", SCALE);
            return null;
        }
        BigDecimal amount = new BigDecimal(text);
        if (min != null && amount.compareTo(min) < 0) {
            in.error(field, "tooSmall", "must not be less than " + min.toPlainString(), "min", min.toPlainString());
            return null;
        }
        return amount.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /** An ISO 4217 currency code in capitals ({@code EUR}); null when absent. */
    public static String currency(FieldReader in, String field) {
        Object v = in.raw(field);
        if (v == null) {
            return null;
        }
        String code = v instanceof String s ? s.strip().toUpperCase(Locale.ROOT) : "";
        if (!isCurrency(code)) {
            in.error(field, "notACurrency", "must be an ISO 4217 currency code such as EUR or USD");
            return null;
        }
        return code;
    }

    /** Whether the code names a currency of ISO 4217. */
    public static boolean isCurrency(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The amount as JSON shows it: a decimal string with the currency's decimals, or more when
     * the amount has them ({@code 12.3450} in EUR is {@code "12.345"}); null for null.
     */
    public static String format(BigDecimal amount, String currency) {
        if (amount == null) {
            return null;
        }
        int digits = digits(currency);
        BigDecimal plain = amount.stripTrailingZeros();
        return plain.scale() < digits ? plain.setScale(digits, RoundingMode.UNNECESSARY).toPlainString() : plain.toPlainString();
    }

    /**
     * A computed amount (a weighted sum, a discount) as the currency is written: rounded
     * half-even to the currency's decimals, {@code 49.995} EUR is {@code 50.00}; null for null.
     */
    public static String formatRounded(BigDecimal amount, String currency) {
        if (amount == null) {
            return null;
        }
        return format(amount.setScale(digits(currency), RoundingMode.HALF_EVEN), currency);
    }

    private static int digits(String currency) {
        return isCurrency(currency) ? Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits()) : 2;
    }

    /** {@code amount × percent / 100}, kept at {@link #SCALE} decimals (half-even, as banks round). */
    public static BigDecimal percentOf(BigDecimal amount, int percent) {
        return amount.multiply(BigDecimal.valueOf(percent)).movePointLeft(2).setScale(SCALE, RoundingMode.HALF_EVEN);
    }
}
