package org.mosaiccrm.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Maven local repository for builds the tests start themselves (ArchetypeIT): the Mosaic
 * artifacts a module project depends on, as this reactor just built them, and everything else
 * linked from the build's own local repository. {@code mvn verify} installs nothing, yet a
 * generated module must build offline against this very build, as it would after {@code mvn install}.
 */
final class ReactorRepository {

    /** The reactor folders of what a generated module project needs: its parents, the APIs it imports, the testing helpers, the archetype. */
    private static final List<String> MODULES = List.of(".", "platform", "bundles", "platform/api", "platform/spi", "platform/testing",
            "bundles/search/api", "platform/archetype");
    private static final Pattern AFTER_PARENT = Pattern.compile("</parent>.*?<artifactId>([^<]+)</artifactId>", Pattern.DOTALL);
    private static final Pattern PACKAGING = Pattern.compile("<packaging>([^<]+)</packaging>");

    private ReactorRepository() {
    }

    /** Makes the repository in {@code target}; {@code outer} is the build's local repository. */
    static Path create(Path reactor, Path outer, String version, Path target) throws IOException {
        Files.createDirectories(target);
        Path mosaic = Path.of("org", "mosaiccrm");
        link(outer, target, mosaic);
        for (String module : MODULES) {
            Path dir = reactor.resolve(module).normalize();
            String pom = Files.readString(dir.resolve("pom.xml"), StandardCharsets.UTF_8);
            String artifactId = module.equals(".") ? "mosaic-reactor" : first(AFTER_PARENT, pom);
            Path into = Files.createDirectories(target.resolve(mosaic).resolve(artifactId).resolve(version));
            Files.copy(dir.resolve("pom.xml"), into.resolve(artifactId + "-" + version + ".pom"));
            String packaging = PACKAGING.matcher(pom).find() ? first(PACKAGING, pom) : "jar";
            if (!packaging.equals("pom")) {
                Path jar = dir.resolve("target").resolve(artifactId + "-" + version + ".jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException(jar + " is missing: build the reactor (mvn package) before the black-box tests");
                }
                Files.copy(jar, into.resolve(jar.getFileName()));
            }
        }
        return target;
    }

    /** Links every folder of {@code outer} into {@code target}, descending into the path {@code own} keeps for itself. */
    private static void link(Path outer, Path target, Path own) throws IOException {
        if (!Files.isDirectory(outer)) {
            return;
        }
        try (Stream<Path> children = Files.list(outer)) {
            for (Path child : children.toList()) {
                Path name = child.getFileName();
                if (own.getNameCount() > 0 && own.getName(0).equals(name)) {
                    Path sub = Files.createDirectories(target.resolve(name));
                    if (own.getNameCount() > 1) {
                        link(child, sub, own.subpath(1, own.getNameCount()));
                    }
                } else {
                    Files.createSymbolicLink(target.resolve(name), child.toAbsolutePath());
                }
            }
        }
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("not found: " + pattern);
        }
        return m.group(1).trim();
    }
}
