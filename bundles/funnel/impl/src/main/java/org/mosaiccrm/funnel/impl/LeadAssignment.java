package org.mosaiccrm.funnel.impl;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.security.AccessControl;

/**
 * Gives a new lead to a team by the administrators' rules (first match wins), its owner the
 * next of that team's members in turn. The turn is a counter in the rule's row, raised by an
 * UPDATE inside the lead's transaction: the row lock makes two leads created at once take two
 * different turns, and a rolled-back lead gives its turn back.
 */
final class LeadAssignment {

    /** The fields a rule may look at, beside custom fields ({@code cf.<key>}). */
    static final java.util.Set<String> FIELDS = java.util.Set.of("source", "company", "emailDomain", "status");

    private LeadAssignment() {
    }

    /** Applies the first matching rule whose team has members; a lead no rule matches stays with its creator. */
    static void assign(ObjectContext ctx, AccessControl access, Lead lead) {
        List<AssignmentRule> rules = ObjectSelect.query(AssignmentRule.class).orderBy(AssignmentRule.POSITION.asc()).select(ctx);
        for (AssignmentRule rule : rules) {
            if (!matches(rule, lead)) {
                continue;
            }
            List<String> members = access.teamMembers(rule.getTargetTeamId());
            if (members.isEmpty()) {
                continue;
            }
            Sql.exec(ctx, "UPDATE FN_ASSIGNMENT_RULE SET TURN = TURN + 1 WHERE ID = ?", rule.getId());
            long turn = ((Number) Sql.row(ctx, "SELECT TURN FROM FN_ASSIGNMENT_RULE WHERE ID = ?", rule.getId()).get("TURN")).longValue();
            lead.setOwnerId(members.get((int) Math.floorMod(turn - 1, (long) members.size())));
            lead.setTeamId(rule.getTargetTeamId());
            return;
        }
    }

    static boolean matches(AssignmentRule rule, Lead lead) {
        if (rule.getField() == null) {
            return true;
        }
        String actual = value(rule.getField(), lead);
        return actual != null && rule.getValue() != null && actual.strip().equalsIgnoreCase(rule.getValue().strip());
    }

    private static String value(String field, Lead lead) {
        return switch (field) {
            case "source" -> lead.getSource();
            case "company" -> lead.getCompany();
            case "status" -> lead.getStatus();
            case "emailDomain" -> lead.getEmailKey() == null ? null : lead.getEmailKey().substring(lead.getEmailKey().indexOf('@') + 1);
            default -> {
                if (!field.startsWith(FieldSchema.PREFIX)) {
                    yield null;
                }
                Object v = FieldSchema.read(lead.getCustomJson()).get(field.substring(FieldSchema.PREFIX.length()));
                yield v == null ? null : String.valueOf(v).toLowerCase(Locale.ROOT);
            }
        };
    }

    /** A rule as JSON shows it. */
    record RuleView(String id, String field, String value, String teamId) {

        static RuleView of(AssignmentRule r) {
            return new RuleView(r.getId(), r.getField(), r.getValue(), r.getTargetTeamId());
        }
    }

}
