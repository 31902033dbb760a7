package io.hyphae.broker.internal;

import java.util.Arrays;

/**
 * Copy-on-write arrays of subscriptions: written by the index's single writer, read
 * without locks by publishers through a volatile field of the holder.
 */
final class Subscribers {

    static final Object[] NONE = new Object[0];

    private Subscribers() {
    }

    static Object[] with(Object[] a, Object s) {
        for (Object o : a) {
            if (o == s) {
                return a;
            }
        }
        Object[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = s;
        return b;
    }

    /** The array without {@code s}; the same array if {@code s} is absent. */
    static Object[] without(Object[] a, Object s) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == s) {
                if (a.length == 1) {
                    return NONE;
                }
                Object[] b = new Object[a.length - 1];
                System.arraycopy(a, 0, b, 0, i);
                System.arraycopy(a, i + 1, b, i, a.length - i - 1);
                return b;
            }
        }
        return a;
    }
}
