package org.mosaiccrm.platform.api.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvReaderTest {

    static List<List<String>> read(String csv) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(csv))) {
            for (List<String> r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
            assertNull(reader.next(), "the end stays the end");
        }
        return records;
    }

    private static CsvReader.CsvException refused(String csv) {
        return assertThrows(CsvReader.CsvException.class, () -> read(csv), csv);
    }

    @Test
    void plainRecordsWithAnyLineEndAndWithOrWithoutALastOne() throws IOException {
        List<List<String>> expected = List.of(List.of("a", "b"), List.of("c", "d"));
        assertEquals(expected, read("a,b\r\nc,d\r\n"));
        assertEquals(expected, read("a,b\r\nc,d"));
        assertEquals(expected, read("a,b\nc,d\n"));
        assertEquals(expected, read("a,b\nc,d"));
        assertEquals(expected, read("a,b\rc,d\r"));
        assertEquals(expected, read("a,b\r\nc,d\n"));
    }

    @Test
    void nothingIsNoRecord() throws IOException {
        assertEquals(List.of(), read(""));
        assertEquals(List.of(), read("\uFEFF"));
    }

    @Test
    void aByteOrderMarkAtTheStartIsSkippedAndOnlyThere() throws IOException {
        assertEquals(List.of(List.of("name", "email"), List.of("Ana", "a@x")), read("\uFEFFname,email\r\nAna,a@x\r\n"));
        assertEquals(List.of(List.of("quoted", "x")), read("\uFEFF\"quoted\",x"));
        assertEquals(List.of(List.of("a"), List.of("\uFEFFb")), read("a\n\uFEFFb\n"));
    }

    @Test
    void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() throws IOException {
        assertEquals(List.of(List.of("a,b", "say \"hi\"", "\"", "x")), read("\"a,b\",\"say \"\"hi\"\"\",\"\"\"\",x\r\n"));
        assertEquals(List.of(List.of("line 1\r\nline 2", "lf\nonly", "cr\ronly"), List.of("next")),
                read("\"line 1\r\nline 2\",\"lf\nonly\",\"cr\ronly\"\r\nnext\r\n"));
        assertEquals(List.of(List.of("ends with a break\n")), read("\"ends with a break\n\""));
    }

    @Test
    void emptyFieldsAndEmptyQuotedFieldsAreBothEmpty() throws IOException {
        assertEquals(List.of(List.of("a", "", "", "b")), read("a,,\"\",b\r\n"));
        assertEquals(List.of(List.of("", "")), read(","));
        assertEquals(List.of(List.of("", "")), read("\"\",\"\"\r\n"));
        assertEquals(List.of(List.of("a", "")), read("a,\r\n"));
        assertEquals(List.of(List.of("a", "")), read("a,\"\""));
        assertEquals(List.of(List.of("")), read("\"\""));
    }

    @Test
    void aBlankLineIsARecordOfOneEmptyField() throws IOException {
        assertEquals(List.of(List.of("a"), List.of(""), List.of("b")), read("a\r\n\r\nb\r\n"));
    }

    @Test
    void spacesAndOtherCharactersAreKeptAsTheyAre() throws IOException {
        assertEquals(List.of(List.of(" a ", " b", "Čebašek", "Дмитрий", "it's", "'=1", "tab\there")),
                read(" a , b,Čebašek,Дмитрий,it's,'=1,tab\there\n"));
    }

    @Test
    void recordNumbersCountRecordsNotLines() throws IOException {
        try (CsvReader reader = new CsvReader(new StringReader("h1,h2\r\n\"two\r\nlines\",x\r\nlast,y"))) {
            reader.next();
            assertEquals(1, reader.recordNumber());
            assertEquals(List.of("two\r\nlines", "x"), reader.next());
            assertEquals(2, reader.recordNumber());
            assertEquals(List.of("last", "y"), reader.next());
            assertEquals(3, reader.recordNumber());
            assertNull(reader.next());
            assertEquals(3, reader.recordNumber());
        }
    }

    @Test
    void anUnclosedQuoteIsRefusedAtTheLineWhereItOpened() {
        // record 3 starts on line 4: record 2 spans lines 2 and 3
        CsvReader.CsvException e = refused("name,note\r\nAna,\"two\r\nlines\"\r\nBor,\"never closed\r\nCid,x\r\n");
        assertEquals(3, e.record());
        assertEquals(4, e.line());
        assertTrue(e.getMessage().startsWith("line 4 (record 3): "), e.getMessage());
        assertTrue(e.getMessage().contains("not closed"), e.getMessage());
        assertEquals(1, refused("\"").line());
        assertEquals(2, refused("a\n\"b\"\"").line(), "a doubled quote does not close the field");
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsRefused() {
        CsvReader.CsvException e = refused("name,height\nAna,5'11\"\n");
        assertEquals(2, e.record());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("field 2") && e.getMessage().contains("quote"), e.getMessage());
        assertEquals(1, refused("a\"b").record());
        assertEquals(1, refused(" \"a\"").record(), "a space before the opening quote makes it a quote inside the field");
    }

    @Test
    void textAfterAClosingQuoteIsRefused() {
        CsvReader.CsvException e = refused("a,b\r\n\"x\ny\"z,w\r\n");
        assertEquals(2, e.record());
        assertEquals(3, e.line(), "the stray text is on the second line of the record");
        assertTrue(e.getMessage().contains("field 1") && e.getMessage().contains("closing quote"), e.getMessage());
        assertEquals(1, refused("\"a\" ,b").record());
        assertEquals(1, refused("x,\"a\"\"b\"c").record());
    }

    @Test
    void aRunawayFieldIsRefused() {
        String huge = "x".repeat(CsvReader.MAX_FIELD + 1);
        CsvReader.CsvException e = refused("a\n\"" + huge + "\"\n");
        assertEquals(2, e.record());
        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
        refused(huge);
    }

    @Test
    void aRecordOfManyFieldsOrManyCharactersIsRefusedBeforeItFillsMemory() {
        // A 300 MB single-row file is the same in small: every field is short, the record is not.
        CsvReader.CsvException wide = refused("a\n" + ",".repeat(CsvReader.MAX_FIELDS) + "\n");
        assertEquals(2, wide.record());
        assertTrue(wide.getMessage().contains("more than " + CsvReader.MAX_FIELDS + " fields"), wide.getMessage());
        String field = "y".repeat(CsvReader.MAX_FIELD - 1);
        StringBuilder longRecord = new StringBuilder("h\n");
        for (int i = 0; i < 5; i++) {
            longRecord.append(i == 0 ? "" : ",").append(field);
        }
        CsvReader.CsvException tall = refused(longRecord.append('\n').toString());
        assertTrue(tall.getMessage().contains("a record is longer than"), tall.getMessage());
    }

    @Test
    void theDelimiterIsToldFromTheFirstLineAndUsedThroughout() throws IOException {
        assertEquals(';', CsvReader.delimiterOf("Ime;Priimek;\"E-pošta, službena\""), "a comma inside quotes does not count");
        assertEquals('\t', CsvReader.delimiterOf("a\tb\tc"));
        assertEquals(',', CsvReader.delimiterOf("a,b;c"), "a tie is a comma");
        assertEquals(',', CsvReader.delimiterOf("single"));
        try (CsvReader reader = new CsvReader(new StringReader("a;\"b;c\"\r\n1;2\r\n"), ';')) {
            assertEquals(List.of("a", "b;c"), reader.next());
            assertEquals(List.of("1", "2"), reader.next());
        }
    }

    @Test
    void recordsAfterAGoodOneAreReadOneAtATime() throws IOException {
        try (CsvReader reader = new CsvReader(new StringReader("ok,1\r\nbad\"x\r\n"))) {
            assertEquals(List.of("ok", "1"), reader.next(), "what comes before a malformed record is read");
            assertThrows(CsvReader.CsvException.class, reader::next);
        }
    }
}
