package org.mosaiccrm.platform.api.imports;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.mosaiccrm.platform.api.rest.Problems;

/**
 * What the user chose for one import besides the file: columns mapped to a field or skipped
 * (by their 1-based position in the header, as an import's preview numbers them), and the
 * owner and team of the records it creates. Kept with the job, so that a resumed run reads the
 * file as the first did.
 *
 * @param mapped position → the field the column fills, as the type names it ({@code firstName}, {@code cf.region})
 * @param skipped positions of columns the user chose to leave out
 * @param ownerId the owner of new records; null for the importing user (or the team's choice)
 * @param teamId the team of new records; null for the owner's team
 */
public record ImportOptions(Map<Integer, String> mapped, Set<Integer> skipped, String ownerId, String teamId) {

    public static final ImportOptions NONE = new ImportOptions(Map.of(), Set.of(), null, null);

    public ImportOptions {
        mapped = Map.copyOf(mapped);
        skipped = Set.copyOf(skipped);
    }

    /**
     * The options of a request's query: {@code map=<position>:<field>} and {@code skip=<position>}
     * parameters (each may repeat), {@code ownerId}, {@code teamId}. A malformed entry, or one
     * column both mapped and skipped or mapped twice, is a 400 problem naming the parameter.
     */
    public static ImportOptions of(List<String> map, List<String> skip, String ownerId, String teamId) {
        Map<Integer, String> mapped = new TreeMap<>();
        for (String entry : map == null ? List.<String>of() : map) {
            int colon = entry == null ? -1 : entry.indexOf(':');
            String field = colon < 0 ? "" : entry.substring(colon + 1).strip();
            if (colon < 0 || field.isEmpty()) {
                throw Problems.invalid("map", "must be <position>:<field>, such as 3:firstName; '" + entry + "' is not");
            }
            int position = position("map", entry.substring(0, colon));
            if (mapped.put(position, field) != null) {
                throw Problems.invalid("map", "names the column " + position + " twice");
            }
        }
        Set<Integer> skipped = new TreeSet<>();
        for (String entry : skip == null ? List.<String>of() : skip) {
            int position = position("skip", entry);
            if (mapped.containsKey(position)) {
                throw Problems.invalid("skip", "names the column " + position + ", which map gives a field");
            }
            skipped.add(position);
        }
        return new ImportOptions(mapped, skipped, blankToNull(ownerId), blankToNull(teamId));
    }

    private static int position(String parameter, String text) {
        try {
            int position = Integer.parseInt(text == null ? "" : text.strip());
            if (position >= 1) {
                return position;
            }
        } catch (NumberFormatException e) {
            // Refused below.
        }
        throw Problems.invalid(parameter, "must name a column by its position in the header, 1 for the first; '" + text + "' does not");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public boolean isEmpty() {
        return mapped.isEmpty() && skipped.isEmpty() && ownerId == null && teamId == null;
    }

    /** Whether the user chose an owner or a team for the new records. */
    public boolean assigns() {
        return ownerId != null || teamId != null;
    }

    /** These options with the owner and team resolved (checked, defaults filled in). */
    public ImportOptions owned(String owner, String team) {
        return new ImportOptions(mapped, skipped, owner, team);
    }

    /**
     * The header as the type is to read it: mapped columns named by their field, skipped ones
     * left out. A position beyond the header is a 400 problem naming {@code map} or {@code skip}.
     */
    public List<String> header(List<String> given) {
        mapped.keySet().forEach(p -> within("map", p, given.size()));
        skipped.forEach(p -> within("skip", p, given.size()));
        List<String> header = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            if (!skipped.contains(i + 1)) {
                header.add(mapped.getOrDefault(i + 1, given.get(i)));
            }
        }
        return header;
    }

    private static void within(String parameter, int position, int columns) {
        if (position > columns) {
            throw Problems.invalid(parameter, "names the column " + position + "; the header has " + columns);
        }
    }

    /** A row's cells without the skipped columns'. */
    public List<String> cells(List<String> row) {
        if (skipped.isEmpty()) {
            return row;
        }
        List<String> kept = new ArrayList<>(row.size() - skipped.size());
        for (int i = 0; i < row.size(); i++) {
            if (!skipped.contains(i + 1)) {
                kept.add(row.get(i));
            }
        }
        return kept;
    }

    /** The header cells of the skipped columns, in file order. */
    public List<String> skippedNames(List<String> given) {
        return skipped.stream().sorted().filter(p -> p <= given.size()).map(p -> given.get(p - 1)).toList();
    }

    /** The options as a job keeps them (a query string). */
    public String encode() {
        List<String> parts = new ArrayList<>();
        mapped.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> parts.add("map=" + enc(e.getKey() + ":" + e.getValue())));
        skipped.stream().sorted().forEach(p -> parts.add("skip=" + p));
        if (ownerId != null) {
            parts.add("ownerId=" + enc(ownerId));
        }
        if (teamId != null) {
            parts.add("teamId=" + enc(teamId));
        }
        return String.join("&", parts);
    }

    /** Options {@link #encode}d; {@link #NONE} for null or empty. */
    public static ImportOptions decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return NONE;
        }
        List<String> map = new ArrayList<>();
        List<String> skip = new ArrayList<>();
        String owner = null;
        String team = null;
        for (String part : encoded.split("&")) {
            int eq = part.indexOf('=');
            String name = part.substring(0, eq);
            String value = URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            switch (name) {
                case "map" -> map.add(value);
                case "skip" -> skip.add(value);
                case "ownerId" -> owner = value;
                case "teamId" -> team = value;
                default -> throw new IllegalArgumentException("Unknown import option " + name);
            }
        }
        return of(map, skip, owner, team);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
