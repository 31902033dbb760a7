package io.hyphae.api.broker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A validated subscription pattern. The syntax is MQTT's, plus named segments:
 *
 * <ul>
 * <li>Topics are segments separated by {@code /}, for example {@code users/42/events}.
 *     A segment is not empty and contains none of {@code + # { }}.</li>
 * <li>{@code +} matches exactly one segment.</li>
 * <li>{@code {name}} matches exactly one segment and names it; read its value with
 *     {@link #param}. Names are Java identifiers, unique within a pattern.</li>
 * <li>{@code #} matches any number of segments, zero included, and must be last:
 *     {@code users/#} matches {@code users}, {@code users/42} and {@code users/42/events}.</li>
 * </ul>
 *
 * <p>Instances are immutable and equal when their text is equal.
 */
public final class TopicPattern {

    /** The longest topic or pattern accepted, in chars. */
    public static final int MAX_LENGTH = 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** What a pattern segment matches. */
    public enum Kind {
        /** The segment's text, exactly. */
        LITERAL,
        /** Any one segment ({@code +}). */
        SINGLE,
        /** Any one segment, named ({@code {name}}). */
        NAMED,
        /** Any number of segments ({@code #}), only last. */
        MULTI
    }

    private final String text;
    private final String[] segments;
    private final Kind[] kinds;
    private final boolean exact;

    private TopicPattern(String text, String[] segments, Kind[] kinds) {
        this.text = text;
        this.segments = segments;
        this.kinds = kinds;
        boolean e = true;
        for (Kind k : kinds) {
            e &= k == Kind.LITERAL;
        }
        this.exact = e;
    }

    /**
     * Parses and validates a pattern.
     *
     * @param pattern the text
     * @return the pattern
     * @throws InvalidTopicException naming the offending segment
     */
    public static TopicPattern parse(String pattern) {
        checkLength(pattern, "pattern");
        String[] parts = pattern.split("/", -1);
        Kind[] kinds = new Kind[parts.length];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                throw new InvalidTopicException(pattern, i, "pattern '" + pattern + "': segment " + i
                        + " is empty (no leading, trailing or double '/')");
            }
            if (p.equals("+")) {
                kinds[i] = Kind.SINGLE;
            } else if (p.equals("#")) {
                if (i != parts.length - 1) {
                    throw new InvalidTopicException(pattern, i, "pattern '" + pattern + "': '#' in segment " + i
                            + " must be the last segment");
                }
                kinds[i] = Kind.MULTI;
            } else if (p.startsWith("{") && p.endsWith("}") && p.length() > 2) {
                String name = p.substring(1, p.length() - 1);
                if (!NAME.matcher(name).matches()) {
                    throw new InvalidTopicException(pattern, i, "pattern '" + pattern + "': segment " + i + " '" + p
                            + "' is not a valid name (letters, digits, '_'; not starting with a digit)");
                }
                if (names.contains(name)) {
                    throw new InvalidTopicException(pattern, i, "pattern '" + pattern + "': name '" + name
                            + "' in segment " + i + " is used twice");
                }
                names.add(name);
                kinds[i] = Kind.NAMED;
                parts[i] = name;
            } else {
                int bad = firstReserved(p);
                if (bad >= 0) {
                    throw new InvalidTopicException(pattern, i, "pattern '" + pattern + "': segment " + i + " '" + p
                            + "' mixes '" + p.charAt(bad) + "' with text; a wildcard is a whole segment "
                            + "('+', '#' or '{name}')");
                }
                kinds[i] = Kind.LITERAL;
            }
        }
        return new TopicPattern(pattern, parts, kinds);
    }

    /**
     * Validates a topic to publish on: no wildcards, no empty segment.
     *
     * @param topic the topic
     * @return the topic
     * @throws InvalidTopicException naming the offending segment
     */
    public static String checkTopic(String topic) {
        checkLength(topic, "topic");
        int segment = 0;
        int start = 0;
        int n = topic.length();
        for (int i = 0; i < n; i++) {
            char c = topic.charAt(i);
            if (c == '/') {
                if (i == start) {
                    throw emptySegment(topic, segment);
                }
                segment++;
                start = i + 1;
            } else if (c == '+' || c == '#' || c == '{' || c == '}') {
                throw new InvalidTopicException(topic, segment, "topic '" + topic + "': segment " + segment
                        + " contains '" + c + "'; wildcards belong in subscription patterns, not in published topics");
            }
        }
        if (start == n) {
            throw emptySegment(topic, segment);
        }
        return topic;
    }

    /**
     * Splits a valid topic into its segments.
     *
     * @param topic a topic that passed {@link #checkTopic}
     * @return its segments
     */
    public static String[] split(String topic) {
        int count = 1;
        for (int i = 0; i < topic.length(); i++) {
            if (topic.charAt(i) == '/') {
                count++;
            }
        }
        String[] out = new String[count];
        int start = 0;
        int k = 0;
        for (int i = 0; i < topic.length(); i++) {
            if (topic.charAt(i) == '/') {
                out[k++] = topic.substring(start, i);
                start = i + 1;
            }
        }
        out[k] = topic.substring(start);
        return out;
    }

    private static InvalidTopicException emptySegment(String topic, int segment) {
        return new InvalidTopicException(topic, segment, "topic '" + topic + "': segment " + segment
                + " is empty (no leading, trailing or double '/')");
    }

    private static void checkLength(String text, String what) {
        if (text == null) {
            throw new InvalidTopicException(null, -1, what + " must not be null");
        }
        if (text.isEmpty()) {
            throw new InvalidTopicException(text, -1, what + " must not be empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidTopicException(text, -1, what + " is " + text.length() + " chars long; at most "
                    + MAX_LENGTH + " are allowed");
        }
    }

    private static int firstReserved(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+' || c == '#' || c == '{' || c == '}') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The pattern as written.
     *
     * @return the text
     */
    public String text() {
        return text;
    }

    /**
     * The number of segments.
     *
     * @return at least 1
     */
    public int size() {
        return segments.length;
    }

    /**
     * What segment {@code i} matches.
     *
     * @param i from 0
     * @return its kind
     */
    public Kind kind(int i) {
        return kinds[i];
    }

    /**
     * Segment {@code i}: the literal text, the name of a named segment, or {@code +} / {@code #}.
     *
     * @param i from 0
     * @return the segment
     */
    public String segment(int i) {
        return segments[i];
    }

    /**
     * Whether the pattern has no wildcard and so matches one topic only.
     *
     * @return true for a plain topic
     */
    public boolean isExact() {
        return exact;
    }

    /**
     * Whether a valid topic matches.
     *
     * @param topic a topic
     * @return true if it matches
     */
    public boolean matches(String topic) {
        return bind(split(topic)) != null;
    }

    /**
     * The value of a named segment in a topic this pattern matches.
     *
     * @param topic a matching topic
     * @param name the segment's name
     * @return the value
     * @throws IllegalArgumentException if the topic does not match or no segment has that name
     */
    public String param(String topic, String name) {
        String[] parts = bind(split(topic));
        if (parts == null) {
            throw new IllegalArgumentException("topic '" + topic + "' does not match '" + text + "'");
        }
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == Kind.NAMED && segments[i].equals(name)) {
                return parts[i];
            }
        }
        throw new IllegalArgumentException("pattern '" + text + "' has no segment named '" + name + "'");
    }

    /**
     * The values of all named segments in a topic this pattern matches.
     *
     * @param topic a matching topic
     * @return name to value, in pattern order
     * @throws IllegalArgumentException if the topic does not match
     */
    public Map<String, String> params(String topic) {
        String[] parts = bind(split(topic));
        if (parts == null) {
            throw new IllegalArgumentException("topic '" + topic + "' does not match '" + text + "'");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == Kind.NAMED) {
                out.put(segments[i], parts[i]);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The topic's segments if it matches, else null. */
    private String[] bind(String[] parts) {
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == Kind.MULTI) {
                return parts;
            }
            if (i >= parts.length) {
                return null;
            }
            if (kinds[i] == Kind.LITERAL && !segments[i].equals(parts[i])) {
                return null;
            }
        }
        return parts.length == kinds.length ? parts : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicPattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * The segments, for index implementations that copy them.
     *
     * @return a copy
     */
    public String[] segments() {
        return Arrays.copyOf(segments, segments.length);
    }
}
