/**
 * The class of an I/O at the media agent: one concept that the I/O scheduler queues by, the read
 * tracker counts cache insertions by, a prefetcher tags its fetches with and the storage devices'
 * queues dispatch by. Defined in contracts/io-class.ts (the device queues, below the policies,
 * speak it too); re-exported here, where the policy families look for it.
 */

/**
 * Class of an I/O, in priority order (contracts/io-class.ts).
 *
 * @example
 * const ioClass: IoClass = "demand";
 */
export type { IoClass } from "../contracts/io-class.ts";

/**
 * Every I/O class, highest priority first.
 *
 * @example
 * IO_CLASSES // => ["demand", "prestage", "relocation"]
 */
export { IO_CLASSES } from "../contracts/io-class.ts";
