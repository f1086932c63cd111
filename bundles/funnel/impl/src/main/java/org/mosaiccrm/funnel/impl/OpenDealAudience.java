package org.mosaiccrm.funnel.impl;

import java.time.LocalDateTime;
import java.util.Set;

import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.exp.ExpressionFactory;
import org.apache.cayenne.exp.FunctionExpressionFactory;
import org.apache.cayenne.exp.parser.ASTLike;
import org.apache.cayenne.exp.parser.SimpleNode;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.AudienceCriterion;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The segment rule {@code openDeals}: people with an open deal ({@code has}) or without one
 * ({@code hasNot}) — a deal naming them among its people, or one of their organization —
 * counting only the deals within the reach of the user whose segment it is.
 */
@Component(service = AudienceCriterion.class)
public class OpenDealAudience implements AudienceCriterion {

    @Reference
    private AccessControl access;

    @Override
    public String field() {
        return "openDeals";
    }

    @Override
    public Set<String> ops() {
        return Set.of("has", "hasNot");
    }

    @Override
    public boolean takesValue(String op) {
        return false;
    }

    @Override
    public Expression condition(String op, String value, LocalDateTime nowUtc) {
        // The deal's people are a JSON array of ids: the person's id in quotes is one of them.
        Expression namesThem = new ASTLike((SimpleNode) ExpressionFactory.pathExp(Deal.PERSON_IDS_JSON.getName()),
                FunctionExpressionFactory.concatExp(ExpressionFactory.wrapScalarValue("%\""),
                        ExpressionFactory.enclosingObjectExp(ExpressionFactory.pathExp("id")), ExpressionFactory.wrapScalarValue("\"%")));
        Expression theirs = Deal.CLOSED_AT.isNull().andExp(namesThem.orExp(AudienceCriterion.sameOrganization(Deal.ORGANIZATION_ID.getName())));
        ObjectSelect<Deal> deals = ObjectSelect.query(Deal.class).where(Records.visible(access, access.currentUser(), theirs));
        return "has".equals(op) ? ExpressionFactory.exists(deals) : ExpressionFactory.notExists(deals);
    }
}
