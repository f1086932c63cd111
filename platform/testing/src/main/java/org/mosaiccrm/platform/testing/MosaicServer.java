package org.mosaiccrm.platform.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Mosaic distribution started as a separate process, the way an operator starts it:
 * {@code bin/mosaic} with a free HTTP port and its own data folder. Black-box tests drive
 * it over HTTP only. The distribution home comes from the system property
 * {@code mosaic.home}; the database from {@code MOSAIC_TEST_DB_URL} when set (PostgreSQL
 * runs of the suite), else embedded Derby in the data folder.
 */
public final class MosaicServer implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "Tests-Need-A-Str0ng-Passphrase!";

    private final Path home;
    private final Path data;
    private final int port;
    private final Map<String, String> env;
    private final Path deploy;
    private final Path log;
    private Process process;

    private MosaicServer(Path home, Path data, int port, Map<String, String> env) {
        this.home = home;
        this.data = data;
        this.port = port;
        this.env = env;
        this.deploy = Path.of(env.get("MOSAIC_DEPLOY"));
        this.log = data.resolveSibling(data.getFileName() + ".out");
    }

    /** A server with a fresh data folder, not yet started. */
    public static MosaicServer fresh() throws IOException {
        return fresh(Map.of());
    }

    public static MosaicServer fresh(Map<String, String> extraEnv) throws IOException {
        String homeProperty = System.getProperty("mosaic.home");
        if (homeProperty == null) {
            throw new IllegalStateException("System property mosaic.home must name the unpacked distribution");
        }
        Path home = Path.of(homeProperty);
        Path data = Files.createTempDirectory("mosaic-data-");
        Map<String, String> env = new HashMap<>();
        // A deploy/ folder of its own: the installation's is shared by every server started from it.
        env.put("MOSAIC_DEPLOY", Files.createTempDirectory("mosaic-deploy-").toString());
        env.put("MOSAIC_ADMIN_PASSWORD", ADMIN_PASSWORD);
        String db = System.getenv("MOSAIC_TEST_DB_URL");
        if (db != null && !db.isBlank()) {
            env.put("MOSAIC_DB_URL", db);
            putIfSet(env, "MOSAIC_DB_USER", System.getenv("MOSAIC_TEST_DB_USER"));
            putIfSet(env, "MOSAIC_DB_PASSWORD", System.getenv("MOSAIC_TEST_DB_PASSWORD"));
            // Every class of the suite then counts its failed sign-ins against the one address
            // 127.0.0.1 in the one database, and the suite has more than the 50 one address may
            // make in fifteen minutes. Each class on Derby has a database of its own and keeps the
            // default, which MonitoringIT tests from an address of its own.
            env.put("MOSAIC_LOGIN_ADDRESS_LIMIT", "100000");
        }
        env.putAll(extraEnv);
        return new MosaicServer(home, data, freePort(), env);
    }

    /**
     * Another installation (an earlier build, a changed copy) on this server's data folder,
     * database, port and settings, not started: what an operator does who unpacks a new version
     * and starts it on the same {@code MOSAIC_DATA}. Stop this one first.
     */
    public MosaicServer withHome(Path otherHome) {
        return new MosaicServer(otherHome, data, port, env);
    }

    private static void putIfSet(Map<String, String> env, String key, String value) {
        if (value != null) {
            env.put(key, value);
        }
    }

    public MosaicServer start() throws IOException, InterruptedException {
        // With a shell's usual umask, so that the server's own care for its files' modes is what is tested.
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "umask 022 && exec \"$0\" run", home.resolve("bin/mosaic").toString());
        pb.environment().putAll(env);
        pb.environment().put("MOSAIC_HTTP_PORT", Integer.toString(port));
        pb.environment().put("MOSAIC_DATA", data.toString());
        pb.environment().put("MOSAIC_TEST_CLOCK_FILE", clockFile().toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        process = pb.start();
        // Generous: a start takes 20-40 s on a quiet machine, several times that on one shared with builds.
        awaitHealthy(Duration.ofSeconds(240));
        return this;
    }

    /**
     * Moves the running server's clock (the platform's now: record stamps, job leases, reminders)
     * this far ahead of the machine's; {@link Duration#ZERO} puts it back. The server reads it
     * again whenever it changes, so jobs see the new time at their next run.
     */
    public void moveClock(Duration ahead) throws IOException {
        Files.writeString(clockFile(), ahead.toString());
    }

    /** Beside the data folder, so that a server started again on it keeps the clock a test set. */
    private Path clockFile() {
        return data.resolveSibling(data.getFileName() + ".clock");
    }

    /** Polls the health endpoint until it answers 200. */
    public void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        Instant upSince = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Mosaic exited with " + process.exitValue() + "; output:\n" + output());
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/api/v1/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                // Health answers as soon as its resource is registered; the rest of the API
                // (sign-in included) joins the whiteboard moments later.
                // Modules that start with the server register their resources moments later
                // again, and the whiteboard rebuilds the application for each: wait until the
                // answers have held for two seconds.
                // (A server that takes HTTPS only redirects that second request: 301 says as much.)
                int me = r.statusCode() == 200 ? client.send(HttpRequest.newBuilder(uri("/api/v1/auth/me"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() : 0;
                if (me == 401 || me == 301) {
                    upSince = upSince == null ? Instant.now() : upSince;
                    if (Duration.between(upSince, Instant.now()).compareTo(Duration.ofSeconds(2)) >= 0) {
                        return;
                    }
                } else {
                    upSince = null;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Mosaic did not become healthy within " + timeout + "; output:\n" + output());
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public int port() {
        return port;
    }

    /** The running server's processes (the start script and the JVM it runs), for thread dumps; empty when stopped. */
    public List<ProcessHandle> processes() {
        return process == null ? List.of() : tree();
    }

    /** The installation the server runs from (its {@code bin/}, {@code etc/}). */
    public Path home() {
        return home;
    }

    /** Whether the server's process is still alive. */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Path dataFolder() {
        return data;
    }

    /** The folder the server installs module archives from ({@code MOSAIC_DEPLOY}). */
    public Path deployFolder() {
        return deploy;
    }

    /**
     * Drops a module archive (.kar) into the server's deploy/ folder, as an operator copies it
     * there: written beside it first and moved in at once, so the server never sees half a
     * file. A file of the same name is replaced (a newer build of the module). Returns the
     * dropped file.
     */
    public Path deploy(Path archive) throws IOException {
        Path staged = Files.createTempFile(deploy.getParent(), "mosaic-deploying-", ".tmp");
        Files.copy(archive, staged, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return Files.move(staged, deploy.resolve(archive.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes a module archive from the deploy/ folder: its module goes, its data stays. */
    public void undeploy(String fileName) throws IOException {
        Files.deleteIfExists(deploy.resolve(fileName));
    }

    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    /** Stops the server the way an operator does (SIGTERM) and waits for it to exit. */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = tree();
        for (ProcessHandle p : tree) {
            p.destroy();
        }
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        process = null;
    }

    /** {@code kill -9} of the whole process tree: no shutdown hook, no flush, no goodbye. */
    public void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = tree();
        for (ProcessHandle p : tree) {
            p.destroyForcibly();
        }
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // already gone
            }
        }
        process = null;
    }

    private List<ProcessHandle> tree() {
        List<ProcessHandle> all = new ArrayList<>();
        process.toHandle().descendants().forEach(all::add);
        all.add(process.toHandle());
        return all;
    }

    @Override
    public void close() throws Exception {
        stop();
        if (!Boolean.getBoolean("mosaic.keepData")) {
            Folders.deleteTree(data);
            Folders.deleteTree(deploy);
            Files.deleteIfExists(clockFile());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
