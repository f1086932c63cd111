package org.mosaiccrm.contacts.impl;

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
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.rest.Versions;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/contacts/fields}: the custom fields of people and organizations. Everyone who
 * may read contacts sees the definitions (forms need them); only holders of
 * {@code contacts.customize} (administrators) change them. A field's key, entity and type never
 * change once values may exist; deleting a field archives it, keeping its values, and
 * {@code PATCH {"archived": false}} brings it back.
 */
@Component(service = CustomFieldsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("contacts/fields")
@Produces(MediaType.APPLICATION_JSON)
public class CustomFieldsResource {

    static final Set<String> WRITABLE = Set.of("entity", "key", "label", "type", "choices", "required", "position");
    static final Set<String> PATCHABLE = Set.of("label", "choices", "required", "position", "archived", "version");
    static final Pattern KEY = Pattern.compile("^[a-z][a-zA-Z0-9_]{0,39}$");
    static final int MAX_FIELDS = 200;

    /** A field definition in JSON. */
    public record FieldView(String id, long version, String entity, String key, String label, String type, List<String> choices,
            boolean required, int position, boolean archived) {

        static FieldView of(FieldDefinition d) {
            return new FieldView(d.getId(), d.getVersion(), d.getEntity(), d.getKey(), d.getLabel(), d.getType(),
                    Json.strings(d.getChoicesJson()), d.isRequired(), d.getPosition(), d.isArchived());
        }
    }

    /** The list answer: every definition, in form order. */
    public record FieldList(List<FieldView> items) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @GET
    public FieldList list(@QueryParam("entity") String entity, @QueryParam("archived") Boolean archived) {
        access.requirePermission(ContactsModule.READ);
        Expression where = FieldDefinition.ARCHIVED.eq(Boolean.TRUE.equals(archived));
        if (entity != null) {
            where = where.andExp(FieldDefinition.ENTITY.eq(entity(entity, "entity")));
        }
        Expression filter = where;
        return new FieldList(persistence.read(ctx -> ObjectSelect.query(FieldDefinition.class).where(filter)
                .orderBy(FieldDefinition.ENTITY.asc(), FieldDefinition.POSITION.asc(), FieldDefinition.KEY.asc())
                .select(ctx).stream().map(FieldView::of).toList()));
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = FieldView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        access.requirePermission(ContactsModule.READ);
        FieldView view = FieldView.of(persistence.read(ctx -> find(ctx, id)));
        return Records.ok(view.version(), view);
    }

    @POST
    @ApiBody(Inputs.FieldInput.class)
    @ApiAnswer(status = 201, value = FieldView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(ContactsModule.CUSTOMIZE);
        FieldReader in = FieldReader.of(body, WRITABLE, "custom field");
        FieldView created = FieldView.of(CustomFields.change(persistence, ctx -> {
            String entity = in.choice("entity", CustomFields.ENTITIES);
            String key = in.text("key", 40);
            String type = in.choice("type", CustomFields.Type.ids());
            for (String required : List.of("entity", "key", "type", "label")) {
                // Blank is missing too: a form sends "" for what was left empty.
                if (in.raw(required) == null || in.raw(required) instanceof String text && text.isBlank()) {
                    in.error(required, "is required");
                }
            }
            if (key != null && !KEY.matcher(key).matches()) {
                in.error("key", "must start with a lower-case letter and hold only letters, digits and _ (at most 40)");
            }
            FieldDefinition d = ctx.newObject(FieldDefinition.class);
            d.setEntity(entity);
            d.setKey(key);
            d.setType(type);
            d.setArchived(false);
            d.setRequired(false);
            apply(in, d);
            in.requireValid();
            if (ObjectSelect.query(FieldDefinition.class)
                    .where(FieldDefinition.ENTITY.eq(entity).andExp(FieldDefinition.KEY.eq(key))).selectCount(ctx) > 0) {
                throw Problems.conflict("The " + entity + " field '" + key + "' exists already"
                        + " (perhaps archived: restore it with PATCH {\"archived\": false}).");
            }
            if (ObjectSelect.query(FieldDefinition.class).where(FieldDefinition.ENTITY.eq(entity)).selectCount(ctx) >= MAX_FIELDS) {
                throw Problems.conflict("There are " + MAX_FIELDS + " " + entity + " fields already, the most there may be.");
            }
            if (!in.has("position")) {
                // Without a position a new field goes last, so forms show fields in the order they were added.
                List<Integer> last = ObjectSelect.columnQuery(FieldDefinition.class, FieldDefinition.POSITION)
                        .where(FieldDefinition.ENTITY.eq(entity)).orderBy(FieldDefinition.POSITION.desc()).limit(1).select(ctx);
                d.setPosition(last.isEmpty() ? 0 : Math.min(last.get(0) + 1, 10_000));
            }
            Records.finish(access, user, d, in, true);
            return d;
        }));
        return Records.created(uri, created.id(), created.version(), created);
    }

    @PATCH
    @Path("{id}")
    @ApiBody(Inputs.FieldChanges.class)
    @ApiAnswer(value = FieldView.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("id") String id, Map<String, Object> body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        access.requirePermission(ContactsModule.CUSTOMIZE);
        FieldReader in = FieldReader.of(body, PATCHABLE, "custom field");
        Long expected = Versions.expected(ifMatch, body.get("version"));
        FieldView updated = FieldView.of(CustomFields.change(persistence, ctx -> {
            FieldDefinition d = find(ctx, id);
            d.requireVersion(expected);
            apply(in, d);
            if (in.has("archived")) {
                d.setArchived(Boolean.TRUE.equals(in.flag("archived")));
            }
            in.requireValid();
            return d;
        }));
        return Records.ok(updated.version(), updated);
    }

    /** Archives the field: it leaves forms, lists and exports; the values stay stored. */
    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id) {
        access.requirePermission(ContactsModule.CUSTOMIZE);
        CustomFields.change(persistence, ctx -> {
            find(ctx, id).setArchived(true);
            return null;
        });
        return Response.noContent().build();
    }

    private static void apply(FieldReader in, FieldDefinition d) {
        if (in.has("label")) {
            String label = in.text("label", 100);
            if (label == null && in.errors().stream().noneMatch(e -> e.field().equals("label"))) {
                in.error("label", "is required");
            }
            d.setLabel(label);
        }
        if (in.has("required")) {
            d.setRequired(Boolean.TRUE.equals(in.flag("required")));
        }
        if (in.has("position")) {
            Integer position = in.integer("position", 0, 10_000);
            d.setPosition(position == null ? 0 : position);
        }
        boolean choice = CustomFields.Type.CHOICE.id().equals(d.getType());
        if (in.has("choices")) {
            List<String> choices = in.distinct("choices", 100, 100, "choice");
            if (!choice && !choices.isEmpty()) {
                in.error("choices", "only a choice field has choices");
            }
            d.setChoicesJson(choices.isEmpty() ? null : Json.write(choices));
        }
        if (choice && Json.strings(d.getChoicesJson()).isEmpty() && in.errors().stream().noneMatch(e -> e.field().equals("choices"))) {
            in.error("choices", "a choice field needs at least one choice");
        }
    }

    private static String entity(String value, String field) {
        if (!CustomFields.ENTITIES.contains(value)) {
            throw Problems.invalid(field, "must be one of " + CustomFields.ENTITIES);
        }
        return value;
    }

    private static FieldDefinition find(ObjectContext ctx, String id) {
        FieldDefinition d = org.mosaiccrm.platform.api.persistence.RecordIds.isWellFormed(id)
                ? ObjectSelect.query(FieldDefinition.class).where(MosaicRecord.ID.eq(id)).selectOne(ctx) : null;
        if (d == null) {
            throw Problems.notFound("There is no custom field " + id + ".");
        }
        return d;
    }
}
