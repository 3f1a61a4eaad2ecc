/**
 * The class of an I/O at the media agent: one concept that the I/O scheduler queues by, the read
 * tracker counts cache insertions by and a prefetcher tags its fetches with. It lives here, below
 * the policy families, because three of them (scheduling, prefetch, and the restore's cache read
 * tracking) speak it and none should import another family for it.
 */

/**
 * Class of an I/O at the media agent, in priority order: the guest's `"demand"` reads first, then
 * `"prestage"` fetches of predicted blocks, then the relocation's `"relocation"` copy stream. A
 * prefetcher emits only the last two (`Exclude<IoClass, "demand">`): a fetch nobody waits for.
 *
 * @example
 * const ioClass: IoClass = "demand";
 */
export type IoClass = "demand" | "prestage" | "relocation";

/**
 * Every I/O class, highest priority first.
 *
 * @example
 * IO_CLASSES // => ["demand", "prestage", "relocation"]
 */
export const IO_CLASSES: readonly IoClass[] = ["demand", "prestage", "relocation"];
