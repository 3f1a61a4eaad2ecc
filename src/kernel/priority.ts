/**
 * Event priorities: among events at the same time, lower numbers run first; equal priorities
 * run first-in-first-out.
 *
 * @example
 * sim.schedule(0, "demo.wake-up", wakeUp, undefined, PRIORITY_URGENT); // runs before normal events at `now`
 */
export const PRIORITY_NORMAL = 0;

/** Kernel bookkeeping (process start, interrupts) that must precede normal events at a time. */
export const PRIORITY_URGENT = -1;
