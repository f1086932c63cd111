package org.mosaiccrm.platform.api.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.rest.FieldReader;

class MoneyTest {

    private static FieldReader body(String field, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put(field, value);
        return new FieldReader(m);
    }

    @Test
    void amountsAreDecimalStringsOrWholeNumbersNeverFloats() {
        assertEquals(new BigDecimal("1250.5000"), Money.amount(body("a", "1250.5"), "a", BigDecimal.ZERO));
        assertEquals(new BigDecimal("12.0000"), Money.amount(body("a", 12), "a", BigDecimal.ZERO));
        for (Object bad : new Object[] {1250.5, "1,250.50", "1e3", "0.12345", "1234567890123456", "-1"}) {
            FieldReader in = body("a", bad);
            assertNull(Money.amount(in, "a", BigDecimal.ZERO), String.valueOf(bad));
            assertEquals("a", in.errors().get(0).field(), String.valueOf(bad));
        }
        assertEquals(new BigDecimal("-1.0000"), Money.amount(body("a", "-1"), "a", null), "no minimum: a credit may be negative");
    }

    @Test
    void currenciesAreIso4217() {
        assertEquals("EUR", Money.currency(body("c", "eur"), "c"));
        FieldReader in = body("c", "EURO");
        assertNull(Money.currency(in, "c"));
        assertTrue(in.errors().get(0).message().contains("ISO 4217"));
        assertTrue(!Money.isCurrency("XYZ"));
    }

    @Test
    void amountsAreShownWithTheCurrencysDecimals() {
        assertEquals("1250.00", Money.format(new BigDecimal("1250.0000"), "EUR"));
        assertEquals("12.345", Money.format(new BigDecimal("12.3450"), "EUR"), "an exact amount keeps its decimals");
        assertEquals("1250", Money.format(new BigDecimal("1250.0000"), "JPY"));
        assertEquals("50.00", Money.formatRounded(Money.percentOf(new BigDecimal("99.99"), 50), "EUR"), "49.995 half-even");
        assertEquals("0.02", Money.formatRounded(new BigDecimal("0.025"), "EUR"), "half-even: to the even neighbour");
        assertNull(Money.format(null, "EUR"));
    }
}
