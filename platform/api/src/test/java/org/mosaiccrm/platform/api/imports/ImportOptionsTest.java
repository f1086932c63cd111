package org.mosaiccrm.platform.api.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.rest.ProblemException;

/** The user's column choices: read from the query, applied to the header and rows, kept with the job. */
class ImportOptionsTest {

    @Test
    void mappedColumnsReadAsTheirFieldAndSkippedOnesAreLeftOut() {
        ImportOptions o = ImportOptions.of(List.of("2:lastName", "4:cf.region"), List.of("3"), null, null);
        List<String> header = List.of("Vorname", "Nachname", "Notes", "Gebiet");
        assertEquals(List.of("Vorname", "lastName", "cf.region"), o.header(header));
        assertEquals(List.of("Ana", "Novak", "north"), o.cells(List.of("Ana", "Novak", "call her", "north")));
        assertEquals(List.of("Notes"), o.skippedNames(header));
    }

    @Test
    void badChoicesAreRefusedNamingTheParameter() {
        for (List<String> map : List.of(List.of("firstName"), List.of("0:firstName"), List.of("x:firstName"), List.of("1:"),
                List.of("1:firstName", "1:lastName"))) {
            assertEquals("map", assertThrows(ProblemException.class, () -> ImportOptions.of(map, List.of(), null, null)).errors().get(0).field(),
                    map.toString());
        }
        assertEquals("skip", assertThrows(ProblemException.class, () -> ImportOptions.of(List.of("1:firstName"), List.of("1"), null, null))
                .errors().get(0).field());
        ImportOptions beyond = ImportOptions.of(List.of("5:firstName"), List.of(), null, null);
        assertEquals("map", assertThrows(ProblemException.class, () -> beyond.header(List.of("a", "b"))).errors().get(0).field());
    }

    @Test
    void theOptionsAJobKeepsReadBackTheSame() {
        ImportOptions o = new ImportOptions(Map.of(1, "cf.a&b=c", 3, "email"), Set.of(2, 7), "0190a1b2-0000-7000-8000-000000000001",
                "0190a1b2-0000-7000-8000-000000000002");
        assertEquals(o, ImportOptions.decode(o.encode()));
        assertEquals(ImportOptions.NONE, ImportOptions.decode(null));
    }
}
