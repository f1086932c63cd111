package org.mosaiccrm.platform.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a module archive carries, read before Karaf sees it: the modules of its features
 * repositories (features named {@code mosaic-<id>}, with whether they arrive disabled:
 * {@code install="manual"}) and the manifests of its bundles.
 */
record ArchiveContents(Map<String, Boolean> modules, List<BundleHeaders> bundles) {

    /** A bundle of the archive: its name and version and its package headers. */
    record BundleHeaders(String symbolicName, String version, String imports, String exports) {
    }

    /** Module ids of the archive, each with true when it arrives disabled. */
    static ArchiveContents of(Path kar) throws IOException {
        Map<String, Boolean> modules = new LinkedHashMap<>();
        List<BundleHeaders> bundles = new ArrayList<>();
        try (ZipFile zip = new ZipFile(kar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory() || !e.getName().startsWith("repository/")) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    if (e.getName().endsWith(".xml")) {
                        modules.putAll(modulesOf(in));
                    } else if (e.getName().endsWith(".jar")) {
                        BundleHeaders headers = headersOf(in);
                        if (headers != null) {
                            bundles.add(headers);
                        }
                    }
                }
            }
        }
        return new ArchiveContents(modules, bundles);
    }

    /** The module ids of a features repository Karaf unpacked from an installed archive (below {@code karaf.data/kar/<name>}). */
    static List<String> modulesUnpackedIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path xml : files.filter(p -> p.toString().endsWith(".xml")).toList()) {
                try (InputStream in = Files.newInputStream(xml)) {
                    ids.addAll(modulesOf(in).keySet());
                }
            }
        }
        return ids;
    }

    private static Map<String, Boolean> modulesOf(InputStream xml) throws IOException {
        Map<String, Boolean> modules = new LinkedHashMap<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // An archive is untrusted until checked: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            Element root = factory.newDocumentBuilder().parse(xml).getDocumentElement();
            if (!"features".equals(root.getLocalName())) {
                return modules;
            }
            NodeList features = root.getElementsByTagNameNS("*", "feature");
            for (int i = 0; i < features.getLength(); i++) {
                Element f = (Element) features.item(i);
                String name = f.getAttribute("name");
                // Nested <feature>x</feature> references have no name attribute.
                if (ModuleIds.isModuleFeature(name)) {
                    modules.put(ModuleIds.idOf(name), "manual".equals(f.getAttribute("install")));
                }
            }
            return modules;
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            return modules;
        }
    }

    private static BundleHeaders headersOf(InputStream jar) throws IOException {
        try (JarInputStream in = new JarInputStream(jar)) {
            Manifest m = in.getManifest();
            if (m == null || m.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                return null;
            }
            var a = m.getMainAttributes();
            String bsn = a.getValue("Bundle-SymbolicName").split(";")[0].trim();
            return new BundleHeaders(bsn, a.getValue("Bundle-Version") == null ? "0.0.0" : a.getValue("Bundle-Version"),
                    a.getValue("Import-Package"), a.getValue("Export-Package"));
        }
    }
}
