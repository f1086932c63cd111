package org.mosaiccrm.distribution;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.mosaiccrm.distribution.greetings.GreetingsPages;

/**
 * Builds {@code greetings-1.0.0.kar}, a module archive as a third party would ship it: a
 * features repository with {@code mosaic-greetings} (which requires notes, and arrives
 * disabled: {@code install="manual"}) and its bundle, which registers a UI contribution with a
 * page script, a style sheet and messages.
 */
final class GreetingsKar {

    static final String FILE_NAME = "greetings-1.0.0.kar";
    static final String PAGE_TEXT = "Hello from a module built elsewhere.";

    private static final String FEATURES = """
            <?xml version="1.0" encoding="UTF-8"?>
            <features name="greetings-1.0.0" xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
              <feature name="mosaic-greetings" description="Greetings" version="1.0.0" install="manual">
                <details>Third-party sample: a page that greets, shipped as a .kar.</details>
                <feature>mosaic-notes</feature>
                <bundle>mvn:org.example.mosaic/greetings/1.0.0</bundle>
              </feature>
            </features>
            """;

    private static final String COMPONENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="greetings.pages">
              <implementation class="org.mosaiccrm.distribution.greetings.GreetingsPages"/>
              <service><provide interface="org.mosaiccrm.platform.spi.ui.UiContribution"/></service>
            </scr:component>
            """;

    private static final String SCRIPT = """
            export function mount(host, mosaic) {
              const { html, render, t } = mosaic;
              render(html`<h1>${t('greetings.title')}</h1>
                <p class="greetings-text">${t('greetings.text')}</p>
                <p>${mosaic.fmt.number(1234567.5)}</p>`, host);
            }
            """;

    private GreetingsKar() {
    }

    static Path write(Path folder) throws IOException {
        Path kar = folder.resolve(FILE_NAME);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(kar))) {
            put(zip, "repository/org/example/mosaic/greetings-features/1.0.0/greetings-features-1.0.0-features.xml",
                    FEATURES.getBytes(StandardCharsets.UTF_8));
            put(zip, "repository/org/example/mosaic/greetings/1.0.0/greetings-1.0.0.jar", bundle());
        }
        return kar;
    }

    static byte[] bundle() throws IOException {
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "org.example.mosaic.greetings");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Name", "Greetings");
        a.putValue("Import-Package", "org.mosaiccrm.platform.spi.ui;version=\"[1.0,2)\"");
        a.putValue("Service-Component", "OSGI-INF/greetings.xml");
        a.putValue("Require-Capability", "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.3.0)(!(version>=2.0.0)))\"");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            String classFile = GreetingsPages.class.getName().replace('.', '/') + ".class";
            try (InputStream in = GreetingsPages.class.getClassLoader().getResourceAsStream(classFile)) {
                put(jar, classFile, in.readAllBytes());
            }
            put(jar, "OSGI-INF/greetings.xml", COMPONENT.getBytes(StandardCharsets.UTF_8));
            put(jar, "ui/greetings.js", SCRIPT.getBytes(StandardCharsets.UTF_8));
            put(jar, "ui/greetings.css", ".greetings-text { font-weight: 600; }\n".getBytes(StandardCharsets.UTF_8));
            put(jar, "ui/messages.properties", ("greetings.menu=Greetings\ngreetings.title=Greetings\ngreetings.text=" + PAGE_TEXT + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            put(jar, "ui/messages_es.properties", "greetings.menu=Saludos\ngreetings.title=Saludos\ngreetings.text=Hola desde un módulo hecho en otra parte.\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        OutputStream out = zip;
        out.write(content);
        zip.closeEntry();
    }
}
