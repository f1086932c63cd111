package org.mosaiccrm.platform.web.internal;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HEAD;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.container.Suspended;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.PageRequest;

/**
 * Builds an OpenAPI 3.0 document from JAX-RS annotations, the records resources take and
 * return, and {@link ApiBody}/{@link ApiAnswer} where a signature says {@code Map} or
 * {@code Response}.
 * <p>
 * Record schemas are named {@code <module>.<Record>}, the module being the first segment of the
 * path of the resource that first uses the record ({@code contacts.PersonView}): every module
 * owns its path prefix, so two modules' {@code View} records get two schemas. Two records of
 * one module with the same simple name are told apart by their enclosing class.
 */
final class OpenApiDocument {

    private static final String PROBLEM = "Problem";

    /** Class → schema name, and the reverse, so that one record has one schema and two records never share one. */
    private final Map<Class<?>, String> names = new HashMap<>();
    private final Map<String, Class<?>> owners = new HashMap<>();
    private final Map<String, Object> schemas = new TreeMap<>();
    private String module;

    private OpenApiDocument() {
    }

    static Map<String, Object> build(String version, List<Class<?>> resources) {
        OpenApiDocument builder = new OpenApiDocument();
        Map<String, Object> paths = new TreeMap<>();
        for (Class<?> resource : resources) {
            Path base = resource.getAnnotation(Path.class);
            if (base == null) {
                continue;
            }
            builder.module = module(base.value());
            // getMethods() has no fixed order; sorted, the first user of a name is the same on every run.
            Method[] methods = resource.getMethods();
            Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
            for (Method method : methods) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = "/" + trim(base.value()) + (sub == null ? "" : "/" + trim(sub.value()));
                path = path.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
                @SuppressWarnings("unchecked")
                Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(path, p -> new TreeMap<>());
                item.put(verb, builder.operation(resource, method));
            }
        }
        builder.schemas.put(PROBLEM, problemSchema());

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Mosaic CRM API", "version", version,
                "description", "Endpoints of the platform and of every module enabled right now."));
        doc.put("servers", List.of(Map.of("url", MosaicApi.BASE_PATH)));
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", builder.schemas,
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer"))));
        doc.put("security", List.of(Map.of("bearer", List.of())));
        return doc;
    }

    private static Map<String, Object> problemSchema() {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "object");
        // code and params name the reason of detail and of each field's message, which are said in the request's language.
        Map<String, Object> params = Map.of("type", "object", "additionalProperties", true);
        problem.put("properties", Map.of(
                "type", Map.of("type", "string"), "title", Map.of("type", "string"), "status", Map.of("type", "integer"),
                "detail", Map.of("type", "string"), "code", Map.of("type", "string"), "params", params,
                "errors", Map.of("type", "array", "items", Map.of("type", "object",
                        "properties", Map.of("field", Map.of("type", "string"), "message", Map.of("type", "string"),
                                "code", Map.of("type", "string"), "params", params)))));
        return problem;
    }

    private Map<String, Object> operation(Class<?> resource, Method method) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", resource.getSimpleName().replace("Resource", "") + "_" + method.getName());
        op.put("tags", List.of(tag(resource)));
        List<Object> parameters = new ArrayList<>();
        boolean hasPathParam = false;
        boolean hasQueryParam = false;
        boolean ifMatch = false;
        Parameter bodyParam = null;
        for (Parameter p : method.getParameters()) {
            PathParam path = p.getAnnotation(PathParam.class);
            QueryParam query = p.getAnnotation(QueryParam.class);
            HeaderParam header = p.getAnnotation(HeaderParam.class);
            if (path != null) {
                hasPathParam = true;
                parameters.add(parameter(path.value(), "path", true, schema(p.getParameterizedType())));
            } else if (query != null) {
                hasQueryParam = true;
                parameters.add(parameter(query.value(), "query", false, schema(p.getParameterizedType())));
            } else if (header != null) {
                ifMatch |= HttpHeaders.IF_MATCH.equalsIgnoreCase(header.value());
                parameters.add(parameter(header.value(), "header", false, schema(p.getParameterizedType())));
            } else if (p.getAnnotation(Context.class) == null && p.getAnnotation(Suspended.class) == null
                    && !hasJaxrsAnnotation(p)) {
                bodyParam = p;
            }
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        ApiBody declared = method.getAnnotation(ApiBody.class);
        if (declared != null || bodyParam != null) {
            Map<String, Object> body;
            if (declared != null) {
                body = schema(declared.value());
                if (ifMatch) {
                    // Versions.expected: an update names the version it is based on in If-Match or in the body.
                    body = Map.of("allOf", List.of(body, Map.of("type", "object", "properties", Map.of("version",
                            Map.of("type", "integer", "format", "int64", "minimum", 1,
                                    "description", "The version this change is based on, instead of If-Match; 409 when stale.")))));
                }
            } else if (bodyParam.getType() == InputStream.class || bodyParam.getType() == byte[].class) {
                body = Map.of("type", "string", "format", "binary");
            } else {
                body = schema(bodyParam.getParameterizedType());
            }
            Map<String, Object> content = new LinkedHashMap<>();
            for (String type : consumes(resource, method)) {
                content.put(type, Map.of("schema", body));
            }
            op.put("requestBody", Map.of("required", true, "content", content));
        }
        Map<String, Object> responses = new TreeMap<>();
        ApiAnswer answer = method.getAnnotation(ApiAnswer.class);
        Type returned = method.getGenericReturnType();
        if (answer != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("description", describe(answer.status()));
            if (answer.headers().length > 0) {
                Map<String, Object> headers = new LinkedHashMap<>();
                for (String h : answer.headers()) {
                    headers.put(h, responseHeader(h));
                }
                r.put("headers", headers);
            }
            if (answer.value() != Void.class && answer.value() != void.class) {
                r.put("content", Map.of(answer.type(), Map.of("schema", schema(answer.value()))));
            }
            responses.put(Integer.toString(answer.status()), r);
        } else if (returned == void.class) {
            responses.put("204", Map.of("description", describe(204)));
        } else if (returned == Response.class) {
            // Nothing declared: the status and body are the method's secret.
            responses.put("200", Map.of("description", describe(200)));
        } else {
            responses.put("200", Map.of("description", describe(200), "content",
                    Map.of(MediaType.APPLICATION_JSON, Map.of("schema", schema(returned)))));
        }
        // Problems this call can answer, read from what it takes; anything else falls under "default".
        if (declared != null || bodyParam != null || hasQueryParam || ifMatch) {
            responses.put("400", problem("The request is malformed or a field is invalid; errors name each field."));
        }
        responses.put("401", problem("Not signed in, or the session or token has expired."));
        responses.put("403", problem("The user lacks the permission."));
        if (hasPathParam) {
            responses.put("404", problem("No such record within the user's reach."));
        }
        if (ifMatch || declared != null && hasComponent(declared.value(), "version")) {
            responses.put("409", problem("The record changed since the version named in If-Match (or version)."));
        }
        responses.put("default", problem("Error"));
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> parameter(String name, String in, boolean required, Map<String, Object> schema) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("in", in);
        p.put("required", required);
        String description = switch (name) {
            case "limit" -> in.equals("query") ? "Items per page, 1 to " + PageRequest.MAX_LIMIT + " (default "
                    + PageRequest.DEFAULT_LIMIT + ")." : null;
            case "cursor" -> in.equals("query") ? "The next of the previous page (opaque); absent for the first page." : null;
            case "sort" -> in.equals("query") ? "A sort key of this list, - before it for descending order." : null;
            case HttpHeaders.IF_MATCH -> "The ETag the change is based on; 409 when the record has changed since.";
            default -> null;
        };
        if (description != null) {
            p.put("description", description);
        }
        p.put("schema", schema);
        return p;
    }

    private static Map<String, Object> responseHeader(String name) {
        String description = switch (name) {
            case HttpHeaders.LOCATION -> "Where the created record is read.";
            case HttpHeaders.ETAG -> "The record's version, quoted; send it back in If-Match.";
            default -> name;
        };
        return Map.of("description", description,
                "schema", HttpHeaders.LOCATION.equals(name) ? Map.of("type", "string", "format", "uri") : Map.of("type", "string"));
    }

    private static Map<String, Object> problem(String description) {
        return Map.of("description", description, "content",
                Map.of(MosaicApi.PROBLEM_JSON, Map.of("schema", Map.of("$ref", "#/components/schemas/" + PROBLEM))));
    }

    private static String describe(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "Done, no content";
            default -> "Status " + status;
        };
    }

    private static List<String> consumes(Class<?> resource, Method method) {
        Consumes c = method.getAnnotation(Consumes.class);
        if (c == null) {
            c = resource.getAnnotation(Consumes.class);
        }
        return c == null ? List.of(MediaType.APPLICATION_JSON) : List.of(c.value());
    }

    private static boolean hasComponent(Class<? extends Record> record, String name) {
        return Arrays.stream(record.getRecordComponents()).anyMatch(rc -> rc.getName().equals(name));
    }

    private static boolean hasJaxrsAnnotation(Parameter p) {
        for (Annotation a : p.getAnnotations()) {
            if (a.annotationType().getPackageName().startsWith("javax.ws.rs")) {
                return true;
            }
        }
        return false;
    }

    private static String tag(Class<?> resource) {
        return resource.getSimpleName().replace("Resource", "").toLowerCase(Locale.ROOT);
    }

    /** The first segment of a resource's path, as a schema name prefix: {@code contacts/people} → {@code contacts}. */
    static String module(String path) {
        String first = trim(path).split("/", 2)[0];
        String clean = first.replaceAll("[^A-Za-z0-9_-].*$", "");
        return clean.isEmpty() ? "api" : clean;
    }

    private Map<String, Object> schema(Type type) {
        return schema(type, Map.of());
    }

    /** {@code bindings}: the type arguments of the generic record being described ({@code T} of {@code ListPage<T>}). */
    private Map<String, Object> schema(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> tv) {
            Type bound = bindings.get(tv);
            return bound == null ? Map.of("type", "object") : schema(bound, Map.of());
        }
        if (type instanceof ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            Type[] args = pt.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", schema(args[0], bindings));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", "object", "additionalProperties", schema(args[1], bindings));
            }
            if (raw.isRecord()) {
                Map<TypeVariable<?>, Type> inner = new HashMap<>();
                TypeVariable<?>[] vars = raw.getTypeParameters();
                for (int i = 0; i < vars.length; i++) {
                    Type arg = args[i];
                    inner.put(vars[i], arg instanceof TypeVariable<?> v && bindings.containsKey(v) ? bindings.get(v) : arg);
                }
                // Generic records (pages) are inlined with their item type.
                return properties(raw, inner);
            }
            return Map.of("type", "object");
        }
        if (!(type instanceof Class<?> c)) {
            return Map.of("type", "object");
        }
        if (c == Object.class) {
            // Any JSON value (a custom field holds text, a number, a date or a choice), not only an object.
            return Map.of();
        }
        if (c == String.class) {
            return Map.of("type", "string");
        }
        if (c == Integer.class || c == int.class || c == Long.class || c == long.class) {
            return Map.of("type", "integer", "format", c == Integer.class || c == int.class ? "int32" : "int64");
        }
        if (Number.class.isAssignableFrom(c) || c == double.class || c == float.class) {
            return Map.of("type", "number");
        }
        if (c == Boolean.class || c == boolean.class) {
            return Map.of("type", "boolean");
        }
        if (Temporal.class.isAssignableFrom(c)) {
            return Map.of("type", "string", "format", c == LocalDate.class ? "date" : "date-time");
        }
        if (c.isEnum()) {
            List<String> values = new ArrayList<>();
            for (Object v : c.getEnumConstants()) {
                values.add(v.toString());
            }
            return Map.of("type", "string", "enum", values);
        }
        if (c.isArray()) {
            return Map.of("type", "array", "items", schema(c.getComponentType(), bindings));
        }
        if (c.isRecord()) {
            if (c.getTypeParameters().length > 0) {
                return properties(c, Map.of());
            }
            String name = names.get(c);
            if (name == null) {
                name = nameFor(c);
                names.put(c, name);
                owners.put(name, c);
                // Named before its properties are read: a record that refers to itself ends at a reference.
                schemas.put(name, Map.of());
                schemas.put(name, properties(c, Map.of()));
            }
            return Map.of("$ref", "#/components/schemas/" + name);
        }
        return Map.of("type", "object");
    }

    private Map<String, Object> properties(Class<?> c, Map<TypeVariable<?>, Type> bindings) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (RecordComponent rc : c.getRecordComponents()) {
            properties.put(rc.getName(), schema(rc.getGenericType(), bindings));
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", properties);
        return s;
    }

    /** {@code module.Simple}; when another record holds that name, {@code module.Enclosing.Simple}, then a number. */
    private String nameFor(Class<?> c) {
        String name = module + "." + c.getSimpleName();
        if (!owners.containsKey(name)) {
            return name;
        }
        Class<?> enclosing = c.getEnclosingClass();
        name = enclosing == null ? name : module + "." + enclosing.getSimpleName() + "." + c.getSimpleName();
        String candidate = name;
        for (int i = 2; owners.containsKey(candidate); i++) {
            candidate = name + "_" + i;
        }
        return candidate;
    }

    private static String verb(Method m) {
        if (m.isAnnotationPresent(GET.class)) {
            return "get";
        }
        if (m.isAnnotationPresent(POST.class)) {
            return "post";
        }
        if (m.isAnnotationPresent(PUT.class)) {
            return "put";
        }
        if (m.isAnnotationPresent(PATCH.class)) {
            return "patch";
        }
        if (m.isAnnotationPresent(DELETE.class)) {
            return "delete";
        }
        if (m.isAnnotationPresent(HEAD.class)) {
            return "head";
        }
        return null;
    }

    private static String trim(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
