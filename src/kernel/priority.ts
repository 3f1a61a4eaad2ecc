/**
 * Event priorities: among events at the same time, lower numbers run first; equal priorities
 * run first-in-first-out.
 *
 * @example
 * const order: string[] = [];
 * sim.schedule(0, "example.event1", () => order.push("normal"), undefined, PRIORITY_NORMAL);
 * sim.schedule(0, "example.event2", () => order.push("urgent"), undefined, PRIORITY_URGENT);
 * sim.run();
 * order // => ["urgent", "normal"] // urgent runs before normal events at `now`
 */
export const PRIORITY_NORMAL = 0;

/** Kernel bookkeeping (process start, interrupts) that must precede normal events at a time. */
export const PRIORITY_URGENT = -1;
