package org.mosaiccrm.platform.api.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.rest.ProblemException;

class FileNamesTest {

    @Test
    void pathsControlAndFormatCharactersGoUnicodeLettersStay() {
        assertEquals("passwd", FileNames.clean("../../etc/passwd"));
        assertEquals("boot.ini", FileNames.clean("C:\\Windows\\boot.ini"));
        assertEquals("invoice.pdf", FileNames.clean("in\u0000voice\r\n.pdf"));
        // A right-to-left override would make the name read as something else.
        assertEquals("reportfdp.exe", FileNames.clean("report\u202Efdp.exe"));
        assertEquals("Čevapčiči ёжик 日本.txt", FileNames.clean("Čevapčiči ёжик 日本.txt"));
        assertEquals("Čas.txt", FileNames.clean("C\u030Cas.txt"), "normalised to NFC");
        assertEquals("a_b_c_.txt", FileNames.clean("a<b>c|.txt"));
        assertEquals("hidden", FileNames.clean(" .hidden. "));
        assertEquals(FileNames.UNNAMED, FileNames.clean("../"));
        assertEquals(FileNames.UNNAMED, FileNames.clean(null));
        assertEquals(FileNames.UNNAMED, FileNames.clean("\u0007"));
    }

    @Test
    void longNamesAreShortenedKeepingTheExtension() {
        String cleaned = FileNames.clean("x".repeat(400) + ".pdf");
        assertEquals(FileNames.MAX_LENGTH, cleaned.length());
        assertTrue(cleaned.endsWith(".pdf"), cleaned);
        String emoji = FileNames.clean("😀".repeat(200) + ".png");
        assertTrue(emoji.length() <= FileNames.MAX_LENGTH && emoji.endsWith(".png"), emoji);
        assertTrue(Character.isHighSurrogate(emoji.charAt(emoji.length() - 6)), "no pair is split");
    }

    @Test
    void onlyAllowListedTypesAreServedAndTheExtensionDecides() {
        assertEquals("image/png", FileTypes.served("photo.PNG", "application/octet-stream"));
        assertEquals("image/jpeg", FileTypes.served("photo.jpeg", null));
        assertEquals("application/pdf", FileTypes.served("a.pdf", "text/html"));
        assertEquals("text/csv", FileTypes.served("export.csv", null));
        assertEquals("text/plain", FileTypes.served("notes.txt", null));
        assertEquals("image/webp", FileTypes.served("pic.webp", null));
        assertEquals("image/gif", FileTypes.served("pic.gif", null));
        assertEquals(FileTypes.BINARY, FileTypes.served("page.html", "text/html"));
        assertEquals(FileTypes.BINARY, FileTypes.served("logo.svg", "image/svg+xml"));
        assertEquals(FileTypes.BINARY, FileTypes.served("page.html", "image/png"), "a declared type never overrides the extension");
        assertEquals(FileTypes.BINARY, FileTypes.served("page.htm", null));
        assertEquals("image/png", FileTypes.served("scan", "image/png; name=x"), "no extension: the declared type, if allowed");
        assertEquals(FileTypes.BINARY, FileTypes.served("scan", "text/html"));
        assertEquals(FileTypes.BINARY, FileTypes.served("README", null));
    }

    @Test
    void downloadsAreAttachmentsWithTheNameInBothForms() {
        assertEquals("attachment; filename=\"report 2026.pdf\"; filename*=UTF-8''report%202026.pdf",
                FileDownloads.contentDisposition("report 2026.pdf"));
        assertEquals("attachment; filename=\"_as_.txt\"; filename*=UTF-8''%C4%8Cas%E2%82%AC.txt", FileDownloads.contentDisposition("Čas€.txt"));
        assertEquals("attachment; filename=\"a_b.txt\"; filename*=UTF-8''a_b.txt", FileDownloads.contentDisposition("a\"b.txt"));
        assertEquals("attachment; filename=\"x.html\"; filename*=UTF-8''x.html", FileDownloads.contentDisposition("../x.html\r\nSet-Cookie: a"
                .substring(0, 9)));
    }

    @Test
    void anUploadIsReadUpToTheLimitAndRefusedBeyondNamingTheFile() throws Exception {
        FileUpload fits = FileUpload.read("../a.html", "text/html", new ByteArrayInputStream(new byte[1024]), 1024);
        assertEquals(1024, fits.size());
        assertEquals("a.html", fits.name());
        assertEquals(FileTypes.BINARY, fits.contentType());
        ProblemException tooLarge = assertThrows(ProblemException.class,
                () -> FileUpload.read("big.pdf", null, new ByteArrayInputStream(new byte[1025]), 1024));
        assertEquals(413, tooLarge.problem().status());
        assertTrue(tooLarge.problem().detail().contains("\"big.pdf\""), tooLarge.problem().detail());
        assertEquals("10", FileUpload.megabytes(10L * 1024 * 1024));
        assertEquals("0.5", FileUpload.megabytes(512 * 1024));
    }
}
