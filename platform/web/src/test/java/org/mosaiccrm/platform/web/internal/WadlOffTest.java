package org.mosaiccrm.platform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WadlOffTest {

    @Test
    void wadlIsTakenOutOfTheQueryWhateverItsSpelling() {
        assertEquals("", WadlOff.withoutWadl("_wadl"));
        assertEquals("a=1&b=2", WadlOff.withoutWadl("a=1&_wadl&b=2"));
        assertEquals("a=1", WadlOff.withoutWadl("a=1&%5Fwadl=x&_wad%6c"));
        assertEquals("_wadlx=1&q=_wadl", WadlOff.withoutWadl("_wadlx=1&q=_wadl"));
        assertEquals("q=%zz", WadlOff.withoutWadl("q=%zz"));
    }
}
