package io.hyphae.cluster.nats.internal;

import io.hyphae.api.broker.TopicPattern;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps broker topics and patterns (MQTT syntax, {@code /} between segments) to NATS
 * subjects ({@code .} between tokens) under a prefix, exactly:
 * <ul>
 * <li>a segment keeps {@code A-Z a-z 0-9 _ -}; every other character, {@code ~} included,
 *     becomes {@code ~XX} per UTF-8 byte, so {@code .}, {@code *}, {@code >} and spaces
 *     inside a segment never act as NATS syntax and the mapping reverses;</li>
 * <li>{@code +} and {@code {name}} become {@code *};</li>
 * <li>{@code a/#} becomes two subjects, {@code a} and {@code a.>}, because {@code #} also
 *     matches zero segments and NATS' {@code >} needs at least one; a lone {@code #} is
 *     {@code >} under the prefix.</li>
 * </ul>
 */
final class Subjects {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String prefix;

    /** @param prefix the subject tokens every topic goes under, for example {@code hyphae.t} */
    Subjects(String prefix) {
        this.prefix = prefix;
    }

    /** The subject of a valid topic. */
    String subject(String topic) {
        StringBuilder b = new StringBuilder(prefix.length() + topic.length() + 8).append(prefix);
        for (String segment : TopicPattern.split(topic)) {
            b.append('.');
            escape(segment, b);
        }
        return b.toString();
    }

    /** The subjects that together match what the pattern matches. */
    List<String> subjects(TopicPattern pattern) {
        StringBuilder b = new StringBuilder(prefix);
        for (int i = 0; i < pattern.size(); i++) {
            switch (pattern.kind(i)) {
                case LITERAL -> escape(pattern.segment(i), b.append('.'));
                case SINGLE, NAMED -> b.append(".*");
                case MULTI -> {
                    // Zero segments: the prefix itself, unless it is only the namespace.
                    return i == 0 ? List.of(b + ".>") : List.of(b.toString(), b + ".>");
                }
                default -> throw new IllegalStateException("unknown segment kind " + pattern.kind(i));
            }
        }
        return List.of(b.toString());
    }

    /** The topic of a subject under this prefix; null if it is not one. */
    String topic(String subject) {
        if (!subject.startsWith(prefix + ".")) {
            return null;
        }
        String[] tokens = subject.substring(prefix.length() + 1).split("\\.", -1);
        List<String> segments = new ArrayList<>(tokens.length);
        for (String t : tokens) {
            String s = unescape(t);
            if (s == null || s.isEmpty()) {
                return null;
            }
            segments.add(s);
        }
        return String.join("/", segments);
    }

    /** One subject token for any non-empty string (a node's or an exported actor's name). */
    static String token(String name) {
        StringBuilder b = new StringBuilder(name.length() + 8);
        escape(name, b);
        return b.toString();
    }

    private static void escape(String segment, StringBuilder b) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
                b.append(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < segment.length() ? i + 2 : i + 1;
                for (byte x : segment.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    b.append('~').append(HEX[(x >> 4) & 0xF]).append(HEX[x & 0xF]);
                }
                i = end - 1;
            }
        }
    }

    /** Reverses {@link #escape}; null if the token is not one it made. */
    private static String unescape(String token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '~') {
                if (i + 2 >= token.length()) {
                    return null;
                }
                int hi = Character.digit(token.charAt(i + 1), 16);
                int lo = Character.digit(token.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c < 128) {
                out.write(c);
            } else {
                return null;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
