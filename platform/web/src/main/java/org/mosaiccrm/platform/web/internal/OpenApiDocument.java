package org.mosaiccrm.platform.web.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
import javax.ws.rs.core.Response;

import org.mosaiccrm.platform.api.rest.MosaicApi;

/** Builds an OpenAPI 3.0 document from JAX-RS annotations and the records resources use. */
final class OpenApiDocument {

    private OpenApiDocument() {
    }

    static Map<String, Object> build(String version, List<Class<?>> resources) {
        Map<String, Object> paths = new TreeMap<>();
        Map<String, Object> schemas = new TreeMap<>();
        for (Class<?> resource : resources) {
            Path base = resource.getAnnotation(Path.class);
            if (base == null) {
                continue;
            }
            for (Method method : resource.getMethods()) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = "/" + trim(base.value()) + (sub == null ? "" : "/" + trim(sub.value()));
                path = path.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
                @SuppressWarnings("unchecked")
                Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(path, p -> new TreeMap<>());
                item.put(verb, operation(resource, method, schemas));
            }
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "object");
        problem.put("properties", Map.of(
                "type", Map.of("type", "string"), "title", Map.of("type", "string"), "status", Map.of("type", "integer"),
                "detail", Map.of("type", "string"), "errors", Map.of("type", "array", "items", Map.of("type", "object",
                        "properties", Map.of("field", Map.of("type", "string"), "message", Map.of("type", "string"))))));
        schemas.put("Problem", problem);

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Mosaic CRM API", "version", version,
                "description", "Endpoints of the platform and of every module enabled right now."));
        doc.put("servers", List.of(Map.of("url", MosaicApi.BASE_PATH)));
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", schemas,
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer"))));
        doc.put("security", List.of(Map.of("bearer", List.of())));
        return doc;
    }

    private static Map<String, Object> operation(Class<?> resource, Method method, Map<String, Object> schemas) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", resource.getSimpleName().replace("Resource", "") + "_" + method.getName());
        op.put("tags", List.of(tag(resource)));
        List<Object> parameters = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            PathParam path = p.getAnnotation(PathParam.class);
            QueryParam query = p.getAnnotation(QueryParam.class);
            HeaderParam header = p.getAnnotation(HeaderParam.class);
            if (path != null) {
                parameters.add(Map.of("name", path.value(), "in", "path", "required", true, "schema", schema(p.getParameterizedType(), schemas)));
            } else if (query != null) {
                parameters.add(Map.of("name", query.value(), "in", "query", "schema", schema(p.getParameterizedType(), schemas)));
            } else if (header != null) {
                parameters.add(Map.of("name", header.value(), "in", "header", "schema", schema(p.getParameterizedType(), schemas)));
            } else if (p.getAnnotation(Context.class) == null && p.getAnnotation(Suspended.class) == null
                    && !hasJaxrsAnnotation(p)) {
                op.put("requestBody", Map.of("required", true, "content",
                        Map.of("application/json", Map.of("schema", schema(p.getParameterizedType(), schemas)))));
            }
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        Type returned = method.getGenericReturnType();
        if (returned == void.class) {
            responses.put("204", Map.of("description", "Done"));
        } else if (returned == Response.class) {
            responses.put("200", Map.of("description", "OK"));
        } else {
            responses.put("200", Map.of("description", "OK", "content",
                    Map.of("application/json", Map.of("schema", schema(returned, schemas)))));
        }
        responses.put("default", Map.of("description", "Error", "content",
                Map.of(MosaicApi.PROBLEM_JSON, Map.of("schema", Map.of("$ref", "#/components/schemas/Problem")))));
        op.put("responses", responses);
        return op;
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
        return resource.getSimpleName().replace("Resource", "").toLowerCase(java.util.Locale.ROOT);
    }

    static Map<String, Object> schema(Type type, Map<String, Object> schemas) {
        return schema(type, schemas, new HashSet<>());
    }

    private static Map<String, Object> schema(Type type, Map<String, Object> schemas, Set<Class<?>> visiting) {
        if (type instanceof ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            if (Collection.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", schema(pt.getActualTypeArguments()[0], schemas, visiting));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", "object", "additionalProperties", schema(pt.getActualTypeArguments()[1], schemas, visiting));
            }
            if (raw.isRecord()) {
                return recordSchema(raw, pt.getActualTypeArguments(), schemas, visiting);
            }
            return Map.of("type", "object");
        }
        if (!(type instanceof Class<?> c)) {
            return Map.of("type", "object");
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
            return Map.of("type", "string", "format", c == java.time.LocalDate.class ? "date" : "date-time");
        }
        if (c.isEnum()) {
            List<String> values = new ArrayList<>();
            for (Object v : c.getEnumConstants()) {
                values.add(v.toString());
            }
            return Map.of("type", "string", "enum", values);
        }
        if (c.isRecord()) {
            return recordSchema(c, new Type[0], schemas, visiting);
        }
        return Map.of("type", "object");
    }

    private static Map<String, Object> recordSchema(Class<?> c, Type[] typeArgs, Map<String, Object> schemas, Set<Class<?>> visiting) {
        if (typeArgs.length > 0 || !visiting.add(c)) {
            // Generic records (pages) are inlined with their item type; recursion stops at a reference.
            if (typeArgs.length == 0) {
                return Map.of("$ref", "#/components/schemas/" + c.getSimpleName());
            }
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (RecordComponent rc : c.getRecordComponents()) {
            Type t = rc.getGenericType();
            if (t instanceof java.lang.reflect.TypeVariable<?> tv && typeArgs.length > 0) {
                int i = List.of(c.getTypeParameters()).indexOf(tv);
                t = i >= 0 ? typeArgs[i] : Object.class;
            } else if (t instanceof ParameterizedType pt && typeArgs.length > 0
                    && pt.getActualTypeArguments()[0] instanceof java.lang.reflect.TypeVariable<?> tv) {
                int i = List.of(c.getTypeParameters()).indexOf(tv);
                Type item = i >= 0 ? typeArgs[i] : Object.class;
                properties.put(rc.getName(), Map.of("type", "array", "items", schema(item, schemas, visiting)));
                continue;
            }
            properties.put(rc.getName(), schema(t, schemas, visiting));
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", properties);
        if (typeArgs.length > 0) {
            return s;
        }
        schemas.put(c.getSimpleName(), s);
        return Map.of("$ref", "#/components/schemas/" + c.getSimpleName());
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
