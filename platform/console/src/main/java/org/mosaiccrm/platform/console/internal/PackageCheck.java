package org.mosaiccrm.platform.console.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * Whether Mosaic can satisfy what an archive's bundles import of Mosaic's own packages
 * ({@code org.mosaiccrm.*}, its API, SPI and modules' -api bundles): every such import that
 * is not optional needs an exporter in its version range, among the running bundles (but those
 * the archive replaces) or the archive's own bundles. A package no one here exports at all is
 * left to Karaf's resolver, since the archive's features may install its exporter; a package
 * exported only in other versions is the case this check is for, and it names them.
 */
final class PackageCheck {

    private static final String MOSAIC = "org.mosaiccrm.";

    private PackageCheck() {
    }

    /**
     * Null when every import is satisfiable, else a sentence per unsatisfiable import.
     *
     * @param exported the versions each package is exported in, by the running bundles not replaced and the archive
     */
    static String problem(Collection<ArchiveContents.BundleHeaders> bundles, Map<String, ? extends Collection<Version>> exported) {
        List<String> problems = new ArrayList<>();
        for (ArchiveContents.BundleHeaders b : bundles) {
            for (Clause c : clauses(b.imports())) {
                if (!c.name().startsWith(MOSAIC) || "optional".equals(c.directive("resolution"))) {
                    continue;
                }
                Collection<Version> available = exported.get(c.name());
                if (available == null || available.isEmpty()) {
                    continue;
                }
                String range = c.attribute("version");
                VersionRange wanted = new VersionRange(range == null ? "0.0.0" : range);
                if (available.stream().noneMatch(wanted::includes)) {
                    Set<String> versions = new TreeSet<>();
                    available.forEach(v -> versions.add(v.toString()));
                    problems.add("Bundle " + b.symbolicName() + " " + b.version() + " needs package " + c.name() + " in versions " + wanted
                            + ", but this Mosaic has it in version " + String.join(", ", versions) + ".");
                }
            }
        }
        return problems.isEmpty() ? null
                : "The archive does not fit this Mosaic, nothing was installed. " + String.join(" ", problems)
                        + " Build the module against this Mosaic's version.";
    }

    /** The packages a bundle exports (an Export-Package header), with their versions. */
    static List<Map.Entry<String, Version>> exports(String header) {
        List<Map.Entry<String, Version>> out = new ArrayList<>();
        for (Clause c : clauses(header)) {
            String v = c.attribute("version");
            out.add(Map.entry(c.name(), v == null ? Version.emptyVersion : Version.parseVersion(v)));
        }
        return out;
    }

    /** One package of a header clause; a clause naming several packages gives one each. */
    record Clause(String name, Map<String, String> attributes, Map<String, String> directives) {

        String attribute(String key) {
            return attributes.get(key);
        }

        String directive(String key) {
            return directives.get(key);
        }
    }

    /** The clauses of an OSGi manifest header: comma-separated, {@code ;}-separated parts, quotes protect both. */
    static List<Clause> clauses(String header) {
        List<Clause> out = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        for (String clause : split(header, ',')) {
            List<String> names = new ArrayList<>();
            Map<String, String> attributes = new java.util.HashMap<>();
            Map<String, String> directives = new java.util.HashMap<>();
            for (String part : split(clause, ';')) {
                String p = part.trim();
                int directive = p.indexOf(":=");
                int attribute = p.indexOf('=');
                if (directive > 0 && directive <= attribute) {
                    directives.put(p.substring(0, directive).trim(), unquote(p.substring(directive + 2)));
                } else if (attribute > 0) {
                    attributes.put(p.substring(0, attribute).trim(), unquote(p.substring(attribute + 1)));
                } else if (!p.isEmpty()) {
                    names.add(p);
                }
            }
            names.forEach(n -> out.add(new Clause(n, attributes, directives)));
        }
        return out;
    }

    private static List<String> split(String s, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char ch : s.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            }
            if (ch == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unquote(String v) {
        String t = v.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
