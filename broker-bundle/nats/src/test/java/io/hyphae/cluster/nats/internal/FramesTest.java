package io.hyphae.cluster.nats.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hyphae.cluster.nats.CodecException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A frame reads back as written; anything else is a typed error, never an exception of another kind. */
class FramesTest {

    @Test
    void roundTripAndEveryMalformedShape() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] f = Frames.frame("x.Y", Frames.nodeName("nöde"), body);
        Frames.Frame r = Frames.parse(f);
        assertEquals("x.Y", r.type());
        assertEquals("nöde", r.node());
        assertArrayEquals(body, Arrays.copyOfRange(r.body(), r.bodyOffset(), r.body().length));
        assertThrows(CodecException.class, () -> Frames.parse(new byte[0]));
        assertThrows(CodecException.class, () -> Frames.parse("not a frame".getBytes(StandardCharsets.UTF_8)));
        byte[] v2 = f.clone();
        v2[1] = 2;
        assertThrows(CodecException.class, () -> Frames.parse(v2));
        for (int cut = 0; cut < 4 + 3 + 2 + "nöde".getBytes(StandardCharsets.UTF_8).length; cut++) {
            byte[] shorter = Arrays.copyOf(f, cut);
            assertThrows(CodecException.class, () -> Frames.parse(shorter), "cut at " + cut);
        }
        byte[] lying = f.clone();
        lying[2] = (byte) 0xFF; // a type length past the end
        assertThrows(CodecException.class, () -> Frames.parse(lying));
    }
}
