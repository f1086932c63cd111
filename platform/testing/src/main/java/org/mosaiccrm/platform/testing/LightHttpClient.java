package org.mosaiccrm.platform.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The client of benchmarks' timed loops: one kept-alive HTTP/1.1 connection, each request
 * written as bytes and its answer read by its Content-Length (or its chunks). It runs on the
 * same cores as the server, so whatever it spends is taken from the server: the tests'
 * java.net.http client spent several hundred microseconds a request, the JDK's
 * HttpURLConnection about a hundred, this one a few tens. One per thread; not thread-safe.
 *
 * <p>Paths are those of {@link ApiClient}: {@code "contacts/people"} is under {@code /api/v1/},
 * a path starting with {@code /} is taken as it is (the shell's page at {@code /}).
 */
public final class LightHttpClient implements AutoCloseable {

    /** One answer: its status, its {@code Server-Timing} header (or null) and its body. */
    public record Answer(int status, String serverTiming, byte[] body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;
    /** The headers every request of this client carries (Host, token, Accept), ending in CRLF. */
    private final byte[] headers;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /** A client sending {@code token} (none when null) as a bearer token; reads wait at most a minute. */
    public LightHttpClient(MosaicServer server, String token) {
        this(server, token, 60_000);
    }

    public LightHttpClient(MosaicServer server, String token, int timeoutMillis) {
        URI base = server.uri("/");
        this.host = base.getHost();
        this.port = base.getPort();
        this.timeoutMillis = timeoutMillis;
        this.headers = ("Host: " + host + ":" + port + "\r\n" + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Accept: application/json\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** GETs a path and reads the whole answer, whatever its status. */
    public Answer get(String path) throws IOException {
        if (socket != null) {
            try {
                return exchange("GET", path, null, null);
            } catch (EOFException | SocketException e) {
                // The server closes a connection left idle; a GET is safe to send again on a new one.
                close();
            }
        }
        return exchange("GET", path, null, null);
    }

    /** GETs a path, insists on 200, and returns the {@code Server-Timing} header (or null). */
    public String getOk(String path) throws IOException {
        Answer answer = get(path);
        if (answer.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + answer.status() + ": " + answer.text());
        }
        return answer.serverTiming();
    }

    /**
     * Sends a request with a body. Never sent twice: a connection that fails is closed (the next
     * request opens a new one) and the failure is the caller's to count.
     */
    public Answer send(String method, String path, byte[] body, String contentType) throws IOException {
        try {
            return exchange(method, path, body, contentType);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private Answer exchange(String method, String path, byte[] body, String contentType) throws IOException {
        if (socket == null) {
            connect();
        }
        StringBuilder head = new StringBuilder(96).append(method).append(' ').append(path.startsWith("/") ? path : "/api/v1/" + path)
                .append(" HTTP/1.1\r\n");
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(headers);
        out.write('\r');
        out.write('\n');
        if (body != null) {
            out.write(body);
        }
        out.flush();
        return read(method, path);
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(timeoutMillis);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
    }

    private Answer read(String method, String path) throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        boolean close = false;
        String timing = null;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                close = value.equalsIgnoreCase("close");
            } else if (name.equalsIgnoreCase("Server-Timing")) {
                timing = value;
            }
        }
        byte[] body;
        if (chunked) {
            body = chunks();
        } else if (length >= 0) {
            body = in.readNBytes(length);
        } else if (status == 204 || status == 304 || "HEAD".equals(method)) {
            body = new byte[0];
        } else {
            throw new IOException(method + " " + path + " answered " + status + " with neither a Content-Length nor chunks");
        }
        if (close) {
            close();
        }
        return new Answer(status, timing, body);
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(); size > 0; size = chunkSize()) {
            body.write(in.readNBytes(size));
            line(); // the CRLF after the chunk
        }
        String trailer;
        do {
            trailer = line(); // up to the empty line that ends the chunks; trailers are not needed
        } while (!trailer.isEmpty());
        return body.toByteArray();
    }

    /** The size line of the next chunk (hexadecimal, extensions ignored). */
    private int chunkSize() throws IOException {
        return Integer.parseInt(line().split(";")[0].trim(), 16);
    }

    /** One line of the answer's head, without its CRLF. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("The server closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** Closes the connection; the next request opens a new one. */
    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection
            } finally {
                socket = null;
            }
        }
    }
}
