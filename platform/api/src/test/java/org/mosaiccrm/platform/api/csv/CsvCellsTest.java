package org.mosaiccrm.platform.api.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @Test
    void aListIsOneCellThatSplitsBackIntoItsValues() {
        String cell = CsvCells.join(List.of("+386 1 555 0102", "01 555 0103"));
        assertEquals("+386 1 555 0102, 01 555 0103", cell);
        assertEquals(List.of("+386 1 555 0102", "01 555 0103"), CsvCells.split(cell));
        assertEquals(List.of("a", "b"), CsvCells.split(" a ;; b ; "), "blanks are no values");
        assertEquals("", CsvCells.join(List.of()));
    }

    @Test
    void oneListRuleACommaOrASemicolonSeparatesValuesAndTheyAreJoinedWithACommaAndASpace() {
        assertEquals(List.of("vip", "newsletter"), CsvCells.split("vip,newsletter"));
        assertEquals(List.of("vip", "newsletter"), CsvCells.split("vip; newsletter"));
        assertEquals(List.of("vip", "newsletter", "trade fair"), CsvCells.split("vip, newsletter;trade fair"));
        assertEquals("vip, newsletter", CsvCells.join(CsvCells.split("vip;newsletter")), "an export imports back as the same values");
    }

    @Test
    void aCellReadsAsTypedBeforeTheExportNeutralisedIt() {
        assertEquals("=cmd|' /C calc'!A0", CsvCells.read(CsvWriter.neutralize("=cmd|' /C calc'!A0")));
        assertEquals("Ana", CsvCells.read("  Ana "));
        assertEquals("", CsvCells.cell(null));
    }
}
