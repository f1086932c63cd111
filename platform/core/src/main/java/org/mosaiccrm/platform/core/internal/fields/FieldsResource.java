package org.mosaiccrm.platform.core.internal.fields;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.mosaiccrm.platform.api.fields.FieldType;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.rest.Versions;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.mosaiccrm.platform.spi.CustomizableEntity;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/<module>/fields}: the custom fields of the entities a module declared
 * customizable, served by the platform for every module. Whoever may read an entity's records
 * sees its definitions (forms need them); holders of the entity's customize permission
 * (administrators) change them. A field's key, entity and type never change once values may
 * exist; deleting a field archives it, keeping its values, and {@code PATCH {"archived": false}}
 * brings it back. A module that is off, or declared nothing, has no fields here (404).
 */
@Component(service = FieldsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("{module}/fields")
@Produces(MediaType.APPLICATION_JSON)
public class FieldsResource {

    static final Set<String> WRITABLE = Set.of("entity", "key", "label", "type", "choices", "required", "position");
    static final Set<String> PATCHABLE = Set.of("label", "choices", "required", "position", "archived", "version");
    static final Pattern KEY = Pattern.compile("^[a-z][a-zA-Z0-9_]{0,39}$");
    static final int MAX_FIELDS = 200;

    /** A field definition in JSON. */
    public record FieldView(String id, long version, String module, String entity, String key, String label, String type,
            List<String> choices, boolean required, int position, boolean archived, Instant createdAt, Instant updatedAt) {

        static FieldView of(FieldDefinition d) {
            return new FieldView(d.id(), d.version(), d.module(), d.entity(), d.key(), d.label(), d.type(), d.choices(), d.required(),
                    d.position(), d.archived(), d.createdAt(), d.updatedAt());
        }
    }

    /** The list answer: every definition asked for, in form order. */
    public record FieldList(List<FieldView> items) {
    }

    /** {@link #WRITABLE}: entity, key, label and type required; choices for a choice field. */
    public record FieldInput(String entity, String key, String label, String type, List<String> choices, Boolean required,
            Integer position) {
    }

    /** {@link #PATCHABLE}. */
    public record FieldChanges(String label, List<String> choices, Boolean required, Integer position, Boolean archived, Long version) {
    }

    @Reference
    private CustomFieldsService fields;

    @Reference
    private AccessControl access;

    @Reference
    private AuditLog audit;

    @GET
    public FieldList list(@PathParam("module") String module, @QueryParam("entity") String entity,
            @QueryParam("archived") Boolean archived) {
        UserPrincipal user = access.currentUser();
        List<String> readable = new ArrayList<>();
        if (entity != null) {
            CustomizableEntity asked = declared(module, entity, "entity");
            access.requirePermission(asked.readPermission());
            readable.add(asked.entity());
        } else {
            for (CustomizableEntity e : declaredAll(module)) {
                if (user.hasPermission(e.readPermission())) {
                    readable.add(e.entity());
                }
            }
            if (readable.isEmpty()) {
                throw Problems.forbidden("You may not read the records of the module " + module + ".");
            }
        }
        boolean wantArchived = Boolean.TRUE.equals(archived);
        return new FieldList(fields.persistence().read(ctx -> FieldDefinition.list(ctx, module, entity, wantArchived)).stream()
                .filter(d -> readable.contains(d.entity())).map(FieldView::of).toList());
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = FieldView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("module") String module, @PathParam("id") String id) {
        declaredAll(module);
        access.currentUser();
        FieldDefinition d = fields.persistence().read(ctx -> FieldDefinition.find(ctx, module, id));
        access.requirePermission(declared(module, d.entity(), "entity").readPermission());
        return Records.ok(d.version(), FieldView.of(d));
    }

    @POST
    @ApiBody(FieldInput.class)
    @ApiAnswer(status = 201, value = FieldView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(@PathParam("module") String module, Map<String, Object> body, @Context UriInfo uri) {
        List<CustomizableEntity> entities = declaredAll(module);
        UserPrincipal user = access.currentUser();
        FieldReader in = FieldReader.of(body, WRITABLE, "custom field");
        String entity = in.choice("entity", entities.stream().map(CustomizableEntity::entity).collect(java.util.stream.Collectors.toSet()));
        if (entity != null) {
            access.requirePermission(declared(module, entity, "entity").customizePermission());
        } else if (entities.stream().noneMatch(e -> user.hasPermission(e.customizePermission()))) {
            // No entity to judge by: refuse whoever may customize none of them before telling them what is wrong.
            throw Problems.forbidden("You may not change the custom fields of the module " + module + ".");
        }
        String key = in.text("key", 40);
        String type = in.choice("type", FieldType.ids());
        for (String required : List.of("entity", "key", "type", "label")) {
            // Blank is missing too: a form sends "" for what was left empty.
            if (in.raw(required) == null || in.raw(required) instanceof String text && text.isBlank()) {
                in.error(required, "required", "is required");
            }
        }
        if (key != null && !KEY.matcher(key).matches()) {
            in.error("key", "must start with a lower-case letter and hold only letters, digits and _ (at most 40)");
        }
        Edit edit = Edit.read(in, type, null);
        in.requireValid();
        FieldDefinition created = fields.change(ctx -> {
            if (FieldDefinition.exists(ctx, module, entity, key)) {
                throw Problems.conflict("The " + entity + " field '" + key + "' exists already"
                        + " (perhaps archived: restore it with PATCH {\"archived\": false}).");
            }
            if (FieldDefinition.count(ctx, module, entity) >= MAX_FIELDS) {
                throw Problems.conflict("There are " + MAX_FIELDS + " " + entity + " fields already, the most there may be.");
            }
            // Without a position a new field goes last, so forms show fields in the order they were added.
            int position = edit.position() != null ? edit.position() : FieldDefinition.nextPosition(ctx, module, entity);
            FieldDefinition d = FieldDefinition.create(module, entity, key, edit.label(), type, edit.choices(),
                    Boolean.TRUE.equals(edit.required()), position);
            d.insert(ctx);
            return d;
        });
        audit.record(module + ".field.created", target(created), Map.of("label", created.label(), "type", created.type()));
        return Records.created(uri, created.id(), created.version(), FieldView.of(created));
    }

    @PATCH
    @Path("{id}")
    @ApiBody(FieldChanges.class)
    @ApiAnswer(value = FieldView.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("module") String module, @PathParam("id") String id, Map<String, Object> body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        declaredAll(module);
        access.currentUser();
        FieldReader in = FieldReader.of(body, PATCHABLE, "custom field");
        Long expected = Versions.expected(ifMatch, body.get("version"));
        FieldDefinition updated = fields.change(ctx -> {
            FieldDefinition d = FieldDefinition.find(ctx, module, id);
            access.requirePermission(declared(module, d.entity(), "entity").customizePermission());
            Edit edit = Edit.read(in, d.type(), d);
            Boolean archivedNow = in.has("archived") ? Boolean.TRUE.equals(in.flag("archived")) : d.archived();
            in.requireValid();
            return d.with(edit.label(), edit.choices(), edit.required(), edit.position(), archivedNow)
                    .update(ctx, expected == null ? d.version() : expected);
        });
        audit.record(module + ".field.changed", target(updated), Map.of("changed", changed(body)));
        return Records.ok(updated.version(), FieldView.of(updated));
    }

    /** Archives the field: it leaves forms, lists and exports; the values stay stored. {@code If-Match} is honoured. */
    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("module") String module, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        declaredAll(module);
        access.currentUser();
        Long expected = Versions.expected(ifMatch, null);
        FieldDefinition archived = fields.change(ctx -> {
            FieldDefinition d = FieldDefinition.find(ctx, module, id);
            access.requirePermission(declared(module, d.entity(), "entity").customizePermission());
            return d.with(d.label(), d.choices(), d.required(), d.position(), true).update(ctx, expected == null ? d.version() : expected);
        });
        audit.record(module + ".field.archived", target(archived), Map.of());
        return Response.noContent().build();
    }

    /** The names of what a change sent, for the audit entry. */
    private static java.util.SortedSet<String> changed(Map<String, Object> body) {
        java.util.SortedSet<String> names = new java.util.TreeSet<>(body.keySet());
        names.remove("version");
        return names;
    }

    private static String target(FieldDefinition d) {
        return d.module() + "/" + d.entity() + "/field/" + d.key();
    }

    /** The entities the module declared; 404 when it is off or declared none. */
    private List<CustomizableEntity> declaredAll(String module) {
        List<CustomizableEntity> entities = fields.entities(module);
        if (entities.isEmpty()) {
            // Signed in first: which modules have custom fields is not for anonymous clients to probe.
            access.currentUser();
            throw Problems.notFound("The module " + module + " has no custom fields; is it switched on?");
        }
        return entities;
    }

    private CustomizableEntity declared(String module, String entity, String parameter) {
        List<CustomizableEntity> entities = declaredAll(module);
        return entities.stream().filter(e -> e.entity().equals(entity)).findFirst().orElseThrow(() -> Problems.invalid(parameter,
                "must be one of " + entities.stream().map(CustomizableEntity::entity).sorted().toList()));
    }

    /**
     * The label, choices, required flag and position a create or a change asks for, checked; a
     * change keeps what it does not name ({@code current}).
     */
    private record Edit(String label, List<String> choices, Boolean required, Integer position) {

        static Edit read(FieldReader in, String type, FieldDefinition current) {
            String label = current == null ? null : current.label();
            if (in.has("label")) {
                label = in.text("label", 100);
                if (label == null && in.errors().stream().noneMatch(e -> e.field().equals("label"))) {
                    in.error("label", "required", "is required");
                }
            }
            Boolean required = current == null ? Boolean.FALSE : current.required();
            if (in.has("required")) {
                required = Boolean.TRUE.equals(in.flag("required"));
            }
            Integer position = current == null ? null : current.position();
            if (in.has("position")) {
                Integer p = in.integer("position", 0, 10_000);
                position = p == null ? 0 : p;
            }
            boolean choice = FieldType.CHOICE.id().equals(type);
            List<String> choices = current == null ? List.of() : current.choices();
            if (in.has("choices")) {
                choices = in.distinct("choices", 100, 100, "choice");
                if (!choice && !choices.isEmpty()) {
                    in.error("choices", "only a choice field has choices");
                }
            }
            if (choice && choices.isEmpty() && in.errors().stream().noneMatch(e -> e.field().equals("choices"))) {
                in.error("choices", "a choice field needs at least one choice");
            }
            return new Edit(label, choices, required, position);
        }
    }
}
