package org.mosaiccrm.funnel.impl;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.exp.ExpressionFactory;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.AudienceCriterion;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The segment rule {@code orders}: people who have ordered ({@code has}), never have
 * ({@code hasNot}), have since a date ({@code since 2026-01-01}) or not since it
 * ({@code notSince}, "lapsed" customers, those who never ordered included) — counting only the
 * orders within the reach of the user whose segment it is.
 */
@Component(service = AudienceCriterion.class)
public class OrderAudience implements AudienceCriterion {

    @Reference
    private AccessControl access;

    @Override
    public String field() {
        return "orders";
    }

    @Override
    public Set<String> ops() {
        return Set.of("has", "hasNot", "since", "notSince");
    }

    @Override
    public boolean takesValue(String op) {
        return op.endsWith("ince");
    }

    @Override
    public Expression condition(String op, String value, LocalDateTime nowUtc) {
        Expression theirs = AudienceCriterion.samePerson(SalesOrder.PERSON_ID.getName());
        if (op.endsWith("ince")) {
            theirs = theirs.andExp(SalesOrder.ORDERED_AT.gte(date(value).atStartOfDay()));
        }
        ObjectSelect<SalesOrder> orders = ObjectSelect.query(SalesOrder.class)
                .where(Records.visible(access, access.currentUser(), theirs));
        return "has".equals(op) || "since".equals(op) ? ExpressionFactory.exists(orders) : ExpressionFactory.notExists(orders);
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value == null ? "" : value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("is not a date (2026-03-31)");
        }
    }
}
