package org.mosaiccrm.platform.api.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class FixedChunksTest {

    @Test
    void everyChunkHasTheSameSizeAndEveryValueIsKept() {
        List<List<String>> chunks = Records.fixedChunks(List.of("a", "b", "c", "d", "e"), 2);
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e", "e")), chunks);
        assertEquals(List.of(List.of("x", "x", "x")), Records.fixedChunks(List.of("x"), 3));
        assertEquals(List.of(), Records.fixedChunks(List.of(), 3));
    }
}
