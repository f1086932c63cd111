package org.mosaiccrm.platform.api.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.apache.cayenne.ObjectContext;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.rest.ProblemException;

class MultipartFormTest {

    private static final String TYPE = "multipart/form-data; boundary=\"----b0undary\"";

    /** Only the limit matters here. */
    private static StoredFiles limit(long max) {
        return new StoredFiles() {
            @Override
            public long maxBytes() {
                return max;
            }

            @Override
            public StoredFile store(ObjectContext ctx, String ownerEntity, String ownerId, FileUpload file, String createdBy) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<StoredFile> list(ObjectContext ctx, String ownerEntity, Collection<String> ownerIds) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<StoredFile> find(ObjectContext ctx, String ownerEntity, String id) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<StoredFile> get(ObjectContext ctx, String id) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<InputStream> open(ObjectContext ctx, String id) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int delete(ObjectContext ctx, String ownerEntity, String ownerId) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static byte[] body(Object... parts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("preamble to ignore\r\n".getBytes(StandardCharsets.UTF_8));
        for (Object part : parts) {
            out.write("------b0undary\r\n".getBytes(StandardCharsets.UTF_8));
            out.write(part instanceof byte[] b ? b : ((String) part).getBytes(StandardCharsets.UTF_8));
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write("------b0undary--\r\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] filePart(String disposition, byte[] content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("Content-Disposition: form-data; name=\"files\"; " + disposition + "\r\nContent-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(content);
        return out.toByteArray();
    }

    @Test
    void fieldsAndFilesArriveWithTheirBytesIntactBoundaryLookAlikesIncluded() throws Exception {
        // Bytes that begin like the delimiter (CR LF - -) but are not it, and every byte value.
        byte[] binary = new byte[70_000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        byte[] tricky = "\r\n--\r\n-----b0undar\r\n--x".getBytes(StandardCharsets.ISO_8859_1);
        byte[] content = new byte[binary.length + tricky.length];
        System.arraycopy(binary, 0, content, 0, binary.length);
        System.arraycopy(tricky, 0, content, binary.length, tricky.length);
        byte[] body = body("Content-Disposition: form-data; name=\"body\"\r\n\r\nHello,\r\nworld ✓",
                "Content-Disposition: form-data; name=public\r\n\r\nfalse",
                filePart("filename=\"C:\\\\tmp\\\\Čas.png\"", content),
                filePart("filename=\"\"", new byte[0]),
                filePart("filename=\"x.txt\"; filename*=UTF-8''%E2%82%AC%20rate.txt", "1 EUR".getBytes(StandardCharsets.UTF_8)));
        MultipartForm.Received form = MultipartForm.receive(TYPE, new ByteArrayInputStream(body), limit(1024 * 1024), 5, 1000);
        assertEquals("Hello,\r\nworld ✓", form.fields().get("body"));
        assertEquals("false", form.fields().get("public"));
        assertEquals(2, form.files().size(), "the empty file input is no file");
        assertEquals("Čas.png", form.files().get(0).name());
        assertEquals("image/png", form.files().get(0).contentType());
        assertArrayEquals(content, form.files().get(0).content());
        assertEquals("€ rate.txt", form.files().get(1).name());
        assertEquals("text/plain", form.files().get(1).contentType());
    }

    @Test
    void aFileOverTheLimitIsRefusedByNameWithoutReadingTheRest() throws Exception {
        byte[] body = body(filePart("filename=\"huge.pdf\"", new byte[2048]));
        ProblemException e = assertThrows(ProblemException.class,
                () -> MultipartForm.receive(TYPE, new ByteArrayInputStream(body), limit(1024), 5, 1000));
        assertEquals(413, e.problem().status());
        assertTrue(e.problem().detail().contains("huge.pdf"), e.problem().detail());
    }

    @Test
    void malformedBodiesAndOtherTypesAreRefused() throws Exception {
        assertNull(MultipartForm.boundary("application/json"));
        assertNull(MultipartForm.boundary("multipart/form-data"));
        assertEquals("abc", MultipartForm.boundary("Multipart/Form-Data; charset=utf-8; boundary=abc"));
        byte[] cut = "------b0undary\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nno end".getBytes(StandardCharsets.UTF_8);
        assertEquals(400, assertThrows(ProblemException.class,
                () -> MultipartForm.receive(TYPE, new ByteArrayInputStream(cut), limit(1024), 5, 1000)).problem().status());
        byte[] twice = body("Content-Disposition: form-data; name=\"body\"\r\n\r\na", "Content-Disposition: form-data; name=\"body\"\r\n\r\nb");
        assertEquals(400, assertThrows(ProblemException.class,
                () -> MultipartForm.receive(TYPE, new ByteArrayInputStream(twice), limit(1024), 5, 1000)).problem().status());
        byte[] long_ = body("Content-Disposition: form-data; name=\"body\"\r\n\r\n" + "x".repeat(20));
        assertEquals(400, assertThrows(ProblemException.class,
                () -> MultipartForm.receive(TYPE, new ByteArrayInputStream(long_), limit(1024), 5, 10)).problem().status());
        assertEquals(415, assertThrows(ProblemException.class,
                () -> MultipartForm.receive("text/plain", new ByteArrayInputStream(long_), limit(1024), 5, 10)).problem().status());
    }
}
