package org.mosaiccrm.funnel.impl;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mosaiccrm.platform.api.money.Money;
import org.mosaiccrm.platform.api.rest.FieldReader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A product's prices, one per currency: read from a body, stored as JSON, shown as decimal strings. */
final class Prices {

    /** Currencies a product may have a price in. */
    static final int MAX = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Price(String currency, String amount) {
    }

    private Prices() {
    }

    /** {@code [{"currency","amount"}]}, one per currency, amounts not negative; errors named {@code prices[i].…}. */
    static Map<String, BigDecimal> read(FieldReader in, String field) {
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        Object raw = in.raw(field);
        if (raw == null) {
            return prices;
        }
        if (!(raw instanceof List<?> list) || list.size() > MAX) {
            in.error(field, "must be an array of at most " + MAX + " prices {\"currency\",\"amount\"}");
            return prices;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = field + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m) || !java.util.Set.of("currency", "amount").containsAll(m.keySet())) {
                in.error(at, "must be an object {\"currency\",\"amount\"}");
                continue;
            }
            @SuppressWarnings("unchecked")
            FieldReader p = new FieldReader((Map<String, Object>) m);
            String currency = Money.currency(p, "currency");
            BigDecimal amount = Money.amount(p, "amount", BigDecimal.ZERO);
            if (currency == null && p.errors().isEmpty()) {
                p.required("currency");
            }
            if (amount == null && p.errors().stream().noneMatch(e -> e.field().equals("amount"))) {
                p.required("amount");
            }
            if (currency != null && prices.containsKey(currency)) {
                p.error("currency", "has a price already");
            }
            p.errors().forEach(e -> in.error(at + "." + e.field(), e.message()));
            if (p.errors().isEmpty()) {
                prices.put(currency, amount);
            }
        }
        return prices;
    }

    static String write(Map<String, BigDecimal> prices) {
        Map<String, String> stored = new LinkedHashMap<>();
        prices.forEach((c, a) -> stored.put(c, a.toPlainString()));
        try {
            return stored.isEmpty() ? null : JSON.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, BigDecimal> stored(String json) {
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        if (json == null) {
            return prices;
        }
        try {
            JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { }).forEach((c, a) -> prices.put(c, new BigDecimal(a)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored prices are not JSON: " + json, e);
        }
        return prices;
    }

    static List<Price> view(String json) {
        List<Price> out = new ArrayList<>();
        stored(json).forEach((c, a) -> out.add(new Price(c, Money.format(a, c))));
        return out;
    }
}
