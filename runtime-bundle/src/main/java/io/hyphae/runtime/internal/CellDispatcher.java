package io.hyphae.runtime.internal;

/**
 * A dispatcher of the runtime's own that takes cells directly, with no adapter object and
 * no allocation per schedule.
 */
interface CellDispatcher {

    /**
     * Runs the cell's turn soon; the caller holds its SCHEDULED state.
     *
     * @param cell the cell
     * @param fair whether it used up its throughput (or took nothing) and goes behind others
     */
    void dispatch(CellCore<?> cell, boolean fair);

    /** Messages handled by turns run here so far. */
    long processed();
}
