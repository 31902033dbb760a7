package io.hyphae.cluster.nats.internal;

import io.hyphae.cluster.nats.CodecException;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a node sends: a magic byte and a version, the message's type name and the
 * sending node's name (each length-prefixed UTF-8), then the codec's bytes. Carried in
 * the payload rather than in NATS headers, which cost a header block per message.
 */
final class Frames {

    static final byte MAGIC = 'H';
    static final byte VERSION = 1;
    /** The longest type or node name, in UTF-8 bytes. */
    static final int MAX_NAME = 65_535;

    private Frames() {
    }

    /** What a frame carries. */
    record Frame(String type, String node, byte[] body, int bodyOffset) {
        int bodyLength() {
            return body.length - bodyOffset;
        }
    }

    static byte[] frame(String type, byte[] node, byte[] body) {
        byte[] t = type.getBytes(StandardCharsets.UTF_8);
        if (t.length > MAX_NAME) {
            throw new CodecException("a type name of " + t.length + " bytes is too long to send");
        }
        byte[] out = new byte[2 + 2 + t.length + 2 + node.length + body.length];
        int i = 0;
        out[i++] = MAGIC;
        out[i++] = VERSION;
        i = put(out, i, t);
        i = put(out, i, node);
        System.arraycopy(body, 0, out, i, body.length);
        return out;
    }

    static byte[] nodeName(String node) {
        byte[] n = node.getBytes(StandardCharsets.UTF_8);
        if (n.length > MAX_NAME) {
            throw new IllegalArgumentException("a node name is at most " + MAX_NAME + " bytes of UTF-8");
        }
        return n;
    }

    private static int put(byte[] out, int i, byte[] s) {
        out[i] = (byte) (s.length >>> 8);
        out[i + 1] = (byte) s.length;
        System.arraycopy(s, 0, out, i + 2, s.length);
        return i + 2 + s.length;
    }

    /**
     * Reads a frame.
     *
     * @throws CodecException if the bytes are not a frame of this version
     */
    static Frame parse(byte[] in) {
        if (in.length < 6 || in[0] != MAGIC) {
            throw new CodecException("not a Hyphae frame (" + in.length + " bytes)");
        }
        if (in[1] != VERSION) {
            throw new CodecException("a frame of version " + in[1] + "; this node reads version " + VERSION);
        }
        int tl = (in[2] & 0xFF) << 8 | in[3] & 0xFF;
        int nodeAt = 4 + tl;
        if (nodeAt + 2 > in.length) {
            throw new CodecException("a truncated frame (" + in.length + " bytes)");
        }
        int nl = (in[nodeAt] & 0xFF) << 8 | in[nodeAt + 1] & 0xFF;
        int bodyAt = nodeAt + 2 + nl;
        if (bodyAt > in.length) {
            throw new CodecException("a truncated frame (" + in.length + " bytes)");
        }
        return new Frame(new String(in, 4, tl, StandardCharsets.UTF_8),
                new String(in, nodeAt + 2, nl, StandardCharsets.UTF_8), in, bodyAt);
    }
}
