package io.hyphae.api.supervision;

/** Which children a supervisor restarts when one of them must be restarted. */
public enum Strategy {
    /** Only the child that exited. */
    ONE_FOR_ONE,
    /** All children: stopped newest first, then started in start order. */
    ONE_FOR_ALL,
    /** The child that exited and those started after it, stopped newest first, then started in order. */
    REST_FOR_ONE,
    /**
     * One template, many children started on demand with
     * {@link Supervisor#startChild()}; otherwise one-for-one (OTP's
     * {@code simple_one_for_one}).
     */
    DYNAMIC
}
