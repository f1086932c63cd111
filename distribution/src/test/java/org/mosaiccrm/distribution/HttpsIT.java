package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * HTTPS mode: plain HTTP redirects pages and refuses everything else (no sign-in, no cookie in
 * the clear), the health check excepted; over HTTPS the session cookie is Secure and answers
 * carry Strict-Transport-Security. The certificate is made for the test with the JDK's keytool.
 */
class HttpsIT {

    private static final String PASSWORD = "keystore-for-tests";

    private static Path folder;
    private static MosaicServer server;
    private static int httpsPort;
    private static HttpClient plain;
    private static HttpClient tls;

    @BeforeAll
    static void start() throws Exception {
        folder = Files.createTempDirectory("mosaic-https-");
        Path keystore = folder.resolve("mosaic.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "mosaic", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD, "-dname", "CN=localhost", "-validity", "2",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1").redirectErrorStream(true).start();
        assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
        try (ServerSocket free = new ServerSocket(0)) {
            httpsPort = free.getLocalPort();
        }
        server = MosaicServer.fresh(Map.of("MOSAIC_HTTPS", "true", "MOSAIC_HTTPS_PORT", Integer.toString(httpsPort),
                "MOSAIC_KEYSTORE", keystore.toString(), "MOSAIC_KEYSTORE_PASSWORD", PASSWORD)).start();

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        tls = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (folder != null) {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder login(URI uri) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"username\":\"admin\",\"password\":\"" + MosaicServer.ADMIN_PASSWORD + "\"}"));
    }

    @Test
    void plainHttpRedirectsPagesAndRefusesTheRestWhileHttpsSignsInWithSecureCookies() throws Exception {
        HttpResponse<String> page = send(plain, HttpRequest.newBuilder(server.uri("/contacts/people?x=1")));
        assertEquals(301, page.statusCode());
        assertEquals("https://127.0.0.1:" + httpsPort + "/contacts/people?x=1", page.headers().firstValue("Location").orElse(null));

        HttpResponse<String> clear = send(plain, login(server.uri("/api/v1/auth/login")));
        assertEquals(403, clear.statusCode(), clear.body());
        assertTrue(clear.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(List.of(), clear.headers().allValues("Set-Cookie"), "no session over plain HTTP");

        assertEquals(200, send(plain, HttpRequest.newBuilder(server.uri("/api/v1/health"))).statusCode(),
                "monitors inside the network may check health over HTTP");

        HttpResponse<String> secure = send(tls, login(URI.create("https://localhost:" + httpsPort + "/api/v1/auth/login")));
        assertEquals(200, secure.statusCode(), secure.body());
        String cookie = String.join(" | ", secure.headers().allValues("Set-Cookie"));
        assertTrue(cookie.contains("Secure") && cookie.contains("HttpOnly"), cookie);
        assertEquals("max-age=31536000", secure.headers().firstValue("Strict-Transport-Security").orElse(null));
        HttpResponse<String> shell = send(tls, HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/")));
        assertEquals("max-age=31536000", shell.headers().firstValue("Strict-Transport-Security").orElse(null), "pages too");
    }
}
