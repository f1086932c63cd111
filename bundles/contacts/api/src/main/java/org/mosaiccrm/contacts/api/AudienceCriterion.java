package org.mosaiccrm.contacts.api;

import java.time.LocalDateTime;
import java.util.Set;

import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.exp.ExpressionFactory;
import org.apache.cayenne.exp.parser.ASTEqual;
import org.apache.cayenne.exp.parser.SimpleNode;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A segment rule another module adds over its own records (funnel: orders, open deals),
 * registered as a DS service: {@link Audience} then knows its {@link #field()} like its own,
 * and evaluates it inside the same people query, so that a segment is still one indexed query
 * with the access rule in it. The rule leaves with its module: a saved segment that uses it is
 * refused ({@link Audience#check}) until the module is back.
 *
 * @since 1.5
 */
@ConsumerType
public interface AudienceCriterion {

    /** The rule's field, as segments name it ({@code orders}); never one of contacts' own. */
    String field();

    /** Its operators. */
    Set<String> ops();

    /** Whether the operator is followed by a value ({@code since} a date) or stands alone ({@code has}). */
    boolean takesValue(String op);

    /**
     * The condition on the person being filtered, for a known operator: as a rule over the
     * module's records, a correlated {@code EXISTS} ({@link ExpressionFactory#exists}) of the
     * module's query with {@link #samePerson} or {@link #sameOrganization} in it, and the
     * current user's reach of those records (the caller runs as the user whose segment it is).
     *
     * @param nowUtc the time the whole filter is evaluated at, for rules relative to now
     * @throws IllegalArgumentException saying what is wrong with {@code value} ("must be a date")
     */
    Expression condition(String op, String value, LocalDateTime nowUtc);

    /** Inside the module's query: its {@code personIdProperty} is the id of the person being filtered. */
    static Expression samePerson(String personIdProperty) {
        return new ASTEqual((SimpleNode) ExpressionFactory.pathExp(personIdProperty),
                ExpressionFactory.enclosingObjectExp(ExpressionFactory.pathExp("id")));
    }

    /** Inside the module's query: its {@code organizationIdProperty} is the organization of the person being filtered. */
    static Expression sameOrganization(String organizationIdProperty) {
        return new ASTEqual((SimpleNode) ExpressionFactory.pathExp(organizationIdProperty),
                ExpressionFactory.enclosingObjectExp(ExpressionFactory.pathExp("organizationId")));
    }
}
