package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The README and {@code docs/} point only at files that are in the repository: relative
 * Markdown links (from the file's folder) and Markdown files named in code spans (from the
 * repository root, as the README names them). What a build writes under a {@code target/}
 * folder is output a command produces, not a file of the repository, so names of it are not
 * checked: a clean clone never has them.
 */
class DocsLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern NAMED_MD = Pattern.compile("`([^`\\s]+\\.md)`");

    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root with README.md and docs/ above " + here);
    }

    @Test
    void readmeAndDocsPointAtFilesThatExist() throws IOException {
        Path root = root();
        List<Path> documents = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(documents::add);
        }
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : documents) {
            String text = Files.readString(doc);
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1).replaceAll("#.*$", "");
                if (target.isEmpty() || target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // an anchor in the same page, or http:, mailto:, ...
                }
                checked++;
                if (!Files.exists(doc.getParent().resolve(target))) {
                    broken.add(root.relativize(doc) + ": link to " + target);
                }
            }
            Matcher named = NAMED_MD.matcher(text);
            while (named.find()) {
                String target = named.group(1);
                if (isBuildOutput(target)) {
                    continue;
                }
                checked++;
                if (!Files.exists(root.resolve(target)) && !Files.exists(doc.getParent().resolve(target))) {
                    broken.add(root.relativize(doc) + ": names " + target);
                }
            }
        }
        assertTrue(checked > 0, "no links found: the patterns no longer match the documents");
        assertEquals(List.of(), broken, "documents point at files that are not in the repository");
    }

    private static boolean isBuildOutput(String path) {
        return path.startsWith("target/") || path.contains("/target/");
    }

    @Test
    void buildOutputIsToldApartFromRepositoryFiles() {
        assertTrue(isBuildOutput("distribution/target/bench/rest.md"));
        assertTrue(isBuildOutput("target/x.md"));
        assertTrue(!isBuildOutput("docs/bench/rest.md"));
        assertTrue(!isBuildOutput("docs/targets.md"));
    }

    @Test
    void theWorkloadDescriptionIsInDocs() {
        assertTrue(Files.isRegularFile(root().resolve("docs/bench/WORKLOAD.md")));
    }
}
