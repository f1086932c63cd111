package org.mosaiccrm.funnel.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/funnel/assignment-rules}: the ordered rules that give new leads to teams
 * ({@link LeadAssignment}). Read by everyone who may read the funnel; replaced as a whole, in
 * one transaction, by those with {@code funnel.admin}. A rule kept (sent with its id) keeps its
 * place in the team's turn.
 */
@Component(service = AssignmentRulesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("funnel/assignment-rules")
@Produces(MediaType.APPLICATION_JSON)
public class AssignmentRulesResource {

    static final int MAX_RULES = 100;
    static final Set<String> RULE_FIELDS = Set.of("id", "field", "value", "teamId");

    public record Rules(List<LeadAssignment.RuleView> items) {
    }

    public record RulesInput(List<LeadAssignment.RuleView> rules) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @GET
    public Rules list() {
        access.requirePermission(FunnelModule.READ);
        return persistence.read(ctx -> new Rules(ObjectSelect.query(AssignmentRule.class).orderBy(AssignmentRule.POSITION.asc())
                .select(ctx).stream().map(LeadAssignment.RuleView::of).toList()));
    }

    @PUT
    @ApiBody(RulesInput.class)
    public Rules replace(Map<String, Object> body) {
        UserPrincipal user = access.requirePermission(FunnelModule.ADMIN);
        FieldReader in = FieldReader.of(body, Set.of("rules"), "set of rules");
        List<Map<String, Object>> wanted = rules(in);
        in.requireValid();
        persistence.write(ctx -> {
            Map<String, AssignmentRule> current = new HashMap<>();
            ObjectSelect.query(AssignmentRule.class).select(ctx).forEach(r -> current.put(r.getId(), r));
            for (int i = 0; i < wanted.size(); i++) {
                Map<String, Object> w = wanted.get(i);
                AssignmentRule r = w.get("id") == null ? null : current.remove((String) w.get("id"));
                if (r == null) {
                    r = ctx.newObject(AssignmentRule.class);
                    r.setTurn(0L);
                    access.assignOwnership(user, r, null, null);
                }
                r.setPosition(i);
                r.setField((String) w.get("field"));
                r.setValue((String) w.get("value"));
                r.setTargetTeamId((String) w.get("teamId"));
            }
            ctx.deleteObjects(new ArrayList<>(current.values()));
            return null;
        });
        return list();
    }

    /** Each rule: a known field with a value (or neither: every lead), and a team that exists. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> rules(FieldReader in) {
        Object raw = in.raw("rules");
        List<Map<String, Object>> out = new ArrayList<>();
        if (!(raw instanceof List<?> list) || list.size() > MAX_RULES) {
            in.error("rules", "must be an array of at most " + MAX_RULES + " rules");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = "rules[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                in.error(at, "must be an object with " + RULE_FIELDS);
                continue;
            }
            Map<String, Object> rule = (Map<String, Object>) m;
            FieldReader r = new FieldReader(rule);
            rule.keySet().stream().filter(k -> !RULE_FIELDS.contains(k)).forEach(k -> r.error(k, "is not a field of a rule; use " + RULE_FIELDS));
            String field = r.text("field", 50);
            String value = r.text("value", 200);
            if (field != null && !LeadAssignment.FIELDS.contains(field) && !field.startsWith(FieldSchema.PREFIX)) {
                r.error("field", "must be one of " + new java.util.TreeSet<>(LeadAssignment.FIELDS) + " or cf.<key>");
            }
            if (field != null && value == null) {
                r.required("value");
            }
            if (field == null && value != null) {
                r.required("field");
            }
            String team = r.text("teamId", 36);
            if (team == null) {
                r.required("teamId");
            } else if (access.teamMembers(team).isEmpty()) {
                r.error("teamId", "names no team with enabled members");
            }
            r.errors().forEach(e -> in.error(at + "." + e.field(), e.message()));
            Map<String, Object> checked = new HashMap<>();
            checked.put("id", r.text("id", 36));
            checked.put("field", field);
            checked.put("value", value);
            checked.put("teamId", team);
            out.add(checked);
        }
        return out;
    }
}
