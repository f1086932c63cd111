package org.mosaiccrm.platform.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An HTTP client for black-box tests: JSON in, {@link ApiResponse} out, bearer token optional. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MosaicServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiClient(MosaicServer server) {
        this.server = server;
    }

    /**
     * Signs in ({@code POST auth/login}). While a module that started with the server joins the
     * whiteboard, the application is rebuilt and answers a plain (non-problem) 404 for a moment:
     * this tries again then, for up to 20 seconds.
     */
    public static ApiResponse login(MosaicServer server, String username, String password) {
        java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            ApiResponse r = new ApiClient(server).post("auth/login", Map.of("username", username, "password", password));
            if (r.status() != 404 || r.body().contains("\"status\"") || java.time.Instant.now().isAfter(deadline)) {
                return r;
            }
            pause(200);
        }
    }

    /** A client signed in as this user (a bearer token); fails the test when the sign-in fails. */
    public static ApiClient signIn(MosaicServer server, String username, String password) {
        String token = login(server, username, password).expect(200).json().path("token").asText();
        return new ApiClient(server).withToken(token);
    }

    /**
     * GETs the path until it answers the status (a module's endpoints join the server moments
     * after it is deployed or switched on, and leave moments after it is switched off); returns
     * that answer, or fails the test with the last one after the timeout.
     */
    public ApiResponse awaitStatus(String path, int status, Duration timeout) {
        java.time.Instant deadline = java.time.Instant.now().plus(timeout);
        while (true) {
            ApiResponse r = get(path);
            if (r.status() == status) {
                return r;
            }
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new AssertionError("GET " + path + " did not answer " + status + " within " + timeout + "; last: " + r.status()
                        + " " + r.body());
            }
            pause(250);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A client that sends this bearer token on every request. */
    public ApiClient withToken(String token) {
        ApiClient c = new ApiClient(server);
        c.headers.putAll(headers);
        c.headers.put("Authorization", "Bearer " + token);
        return c;
    }

    public ApiClient withHeader(String name, String value) {
        ApiClient c = new ApiClient(server);
        c.headers.putAll(headers);
        c.headers.put(name, value);
        return c;
    }

    public ApiResponse get(String path) {
        return send("GET", path, null, null);
    }

    public ApiResponse delete(String path) {
        return send("DELETE", path, null, null);
    }

    public ApiResponse post(String path, Object body) {
        return send("POST", path, json(body), "application/json");
    }

    public ApiResponse patch(String path, Object body) {
        return send("PATCH", path, json(body), "application/json");
    }

    public ApiResponse put(String path, Object body) {
        return send("PUT", path, json(body), "application/json");
    }

    /** Sends a body exactly as given (malformed JSON, other content types). */
    public ApiResponse sendRaw(String method, String path, String body, String contentType) {
        return send(method, path, body, contentType);
    }

    /**
     * Sends a body read from a stream as it goes (chunked), for uploads too large to hold in a
     * string; waits up to {@code timeout} for the answer.
     */
    public ApiResponse sendStream(String method, String path, java.util.function.Supplier<java.io.InputStream> body, String contentType,
            Duration timeout) {
        return send(method, path, HttpRequest.BodyPublishers.ofInputStream(body), contentType, timeout);
    }

    public static String json(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private ApiResponse send(String method, String path, String body, String contentType) {
        return send(method, path, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body), contentType,
                Duration.ofSeconds(60));
    }

    private ApiResponse send(String method, String path, HttpRequest.BodyPublisher body, String contentType, Duration timeout) {
        URI uri = server.uri(path.startsWith("/") ? path : "/api/v1/" + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).method(method, body);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.header("Accept", "application/json");
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String body) {
        try {
            return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }

    /** GETs a file (any type) as bytes, with the answer's headers: for downloads, which are not text. */
    public HttpResponse<byte[]> download(String path) {
        URI uri = server.uri(path.startsWith("/") ? path : "/api/v1/" + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
