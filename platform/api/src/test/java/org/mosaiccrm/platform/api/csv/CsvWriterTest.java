package org.mosaiccrm.platform.api.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CsvWriterTest {

    private static String write(List<List<String>> records) throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter writer = new CsvWriter(out);
        for (List<String> r : records) {
            writer.write(r);
        }
        writer.flush();
        return out.toString();
    }

    /** What the writer wrote, read back and unneutralised. */
    private static List<List<String>> roundTrip(List<List<String>> records) throws IOException {
        List<List<String>> back = new ArrayList<>();
        for (List<String> r : CsvReaderTest.read(write(records))) {
            back.add(r.stream().map(CsvWriter::unneutralize).toList());
        }
        return back;
    }

    @Test
    void quotesOnlyCellsWithACommaQuoteOrLineBreakAndEndsRecordsWithCrlf() throws IOException {
        assertEquals("plain,with space,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"lf\nonly\",\"cr\ronly\",it's\r\n",
                write(List.of(List.of("plain", "with space", "a,b", "say \"hi\"", "two\r\nlines", "lf\nonly", "cr\ronly", "it's"))));
        assertEquals("\r\n", write(List.of(List.of(""))));
        assertEquals("a,,b\r\n", write(List.of(Arrays.asList("a", null, "b"))), "a null cell is empty");
        assertEquals("\"\uFEFFbom\"\r\n", write(List.of(List.of("\uFEFFbom"))), "not to be taken for a byte-order mark");
    }

    @Test
    void cellsThatSpreadsheetsWouldRunAreNeutralised() throws IOException {
        assertEquals("'=1+1,'+386 1 234,'-5,'@SUM(A1),\"'\tx\",\"'\rx\",\"'=HYPERLINK(\"\"http://x\"\")\"\r\n",
                write(List.of(List.of("=1+1", "+386 1 234", "-5", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"))));
        assertEquals("a=1,1-2,x@y,','',\r\n", write(List.of(List.of("a=1", "1-2", "x@y", "'", "''", ""))), "only a leading one counts");
        assertEquals("''=1,'''+x\r\n", write(List.of(List.of("'=1", "''+x"))), "an apostrophe already there gets one more");
    }

    @Test
    void cellsHoldingTheSeparatorOfAnyCommonDialectAreQuoted() throws IOException {
        assertEquals("\"a;b\",\"a\tb\",\"a,b\",a|b\r\n", write(List.of(List.of("a;b", "a\tb", "a,b", "a|b"))));
    }

    @Test
    void aFormulaIsNeutralisedWhereverASpreadsheetCouldSplitACellOff() throws IOException {
        assertEquals("\"x;'=cmd|' /C calc'!A0\"\r\n", write(List.of(List.of("x;=cmd|' /C calc'!A0"))));
        assertEquals("x;'=1", CsvWriter.neutralize("x;=1"));
        assertEquals("x,'+1", CsvWriter.neutralize("x,+1"));
        assertEquals("x\t'-1", CsvWriter.neutralize("x\t-1"));
        assertEquals("x\r\n'@SUM(A1)", CsvWriter.neutralize("x\r\n@SUM(A1)"));
        assertEquals("x\n'=1;'\tb", CsvWriter.neutralize("x\n=1;\tb"));
        assertEquals("x;' =1", CsvWriter.neutralize("x; =1"), "a spreadsheet that trims cells would run it");
        assertEquals("' =1", CsvWriter.neutralize(" =1"));
        assertEquals("x;''=1", CsvWriter.neutralize("x;'=1"), "an apostrophe already there gets one more");
        assertEquals("'+386 1 555 0102,' +386 1 555 0103",
                CsvWriter.neutralize(CsvCells.join(List.of("+386 1 555 0102", "+386 1 555 0103"))));
        assertEquals("a=1;b-2, c@d", CsvWriter.neutralize("a=1;b-2, c@d"), "only a segment's first character counts");
        assertEquals("x;=1", CsvCells.read(CsvWriter.neutralize("x;=1")));
    }

    @Test
    void unneutralizeIsTheExactInverseOfNeutralize() {
        for (String v : List.of("", "a", "=", "=1", "'", "''", "'=", "'=1", "''=1", "'a", "'-", "-", "@", "\t", "\r", "'\t",
                "+386", "it's", "'''@x",
                "x;=1", "x;'=1", ";;=", "\t\t", "'\t'\t", "a\r\n-1", " =1", "' =1", "x; '", ",", ";'", "a;' b")) {
            assertEquals(v, CsvWriter.unneutralize(CsvWriter.neutralize(v)), v);
        }
        assertEquals("", CsvWriter.neutralize(null));
        // what a person typed (not an export) keeps its apostrophe unless a formula follows it
        assertEquals("'abc", CsvWriter.unneutralize("'abc"));
        assertEquals("=1", CsvWriter.unneutralize("'=1"));
    }

    @Test
    void whatIsWrittenReadsBackAsItWas() throws IOException {
        List<List<String>> records = List.of(
                List.of("name", "note", "formula"),
                List.of("Ñúñez-Čebašek", "line 1\r\nline 2, \"quoted\"", "=cmd|' /C calc'!A0"),
                List.of("", " spaced ", "'=already"),
                List.of("\"", ",", "\n"),
                List.of("Дмитриевич", "", "-"));
        assertEquals(records, roundTrip(records));
    }

    @Test
    void randomCellsRoundTrip() throws IOException {
        char[] alphabet = {'a', 'Z', '0', ' ', ',', ';', '"', '\'', '\r', '\n', '=', '+', '-', '@', '\t', 'Č', 'д', '\uFEFF'};
        Random random = new Random(20261129);
        List<List<String>> records = new ArrayList<>();
        for (int r = 0; r < 500; r++) {
            List<String> cells = new ArrayList<>();
            for (int c = 1 + random.nextInt(5); c > 0; c--) {
                StringBuilder cell = new StringBuilder();
                for (int n = random.nextInt(8); n > 0; n--) {
                    cell.append(alphabet[random.nextInt(alphabet.length)]);
                }
                cells.add(cell.toString());
            }
            records.add(cells);
        }
        assertEquals(records, roundTrip(records));
    }
}
