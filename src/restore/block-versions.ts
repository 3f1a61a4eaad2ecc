/**
 * Every block's version, and the invariants a restore must keep. The backup holds version 0 of
 * every block; each guest write increments the block's newest version. The primary datastore
 * holds at most one version per block (or none yet). The copier's skip bitmap (`marked`) says
 * which blocks primary already holds at their newest version, so the copier must not overwrite
 * them with the backup's older copy (the mirror rule).
 *
 * Partial guest writes (a write that covers only part of a block) are tracked precisely:
 *
 * - A guest write that reaches primary and covers the whole block puts its version there whole
 *   ({@link BlockVersions.writePrimary}); the mirror marks the block.
 * - A partial guest write that reaches primary ({@link BlockVersions.writePrimaryPartial}) when
 *   primary already held the block whole at the previous version leaves it whole at the new one
 *   (still current, still marked). Otherwise primary holds only the guest's bytes: the block is
 *   *partial* on primary, with a *base*: the newest version just before the first such write.
 *   The block's other bytes have not changed since the base (every later write reached primary
 *   too, so it is among the guest's bytes), so any copy of version ≥ base completes it. The
 *   mirror records the block as *to merge* ({@link BlockVersions.markMerge}); it is not marked,
 *   so the copier still copies it.
 * - The copier's copy of a to-merge block is a read-merge-write ({@link BlockVersions.mergePrimary}):
 *   the copy (read from the media agent) fills the bytes the guest did not write, the guest's
 *   bytes on primary are kept (the host knows them from the mirror's sector map, so the model
 *   charges no extra primary read; the copier writes the block once). Whichever lands first,
 *   once both the partial write and the copy have landed primary holds the block whole at its
 *   newest version. A copy older than the base is a stale merge (InvariantError).
 * - A copy written over a partial block *without* the merge (the copier was not told, as with a
 *   broken mirror rule) is a stale overwrite when the guest's bytes are newer than the copy.
 *
 * Per-block state is four typed arrays sized by the disk's block count (13 bytes per block: a
 * 64 GiB disk in 1 MiB blocks costs 832 KiB).
 */
import { InvariantError } from "../util/errors.ts";

/** Marker in `primary` for a block primary does not hold yet. */
const ABSENT = 0xffffffff;
/** Copier states of a block: copy it, skip it (marked), or copy it with a read-merge-write. */
const COPY = 0;
const MARKED = 1;
const MERGE = 2;

/**
 * Versions of one VM's blocks on the backup/write area (newest) and on primary storage.
 *
 * @example
 * const v = new BlockVersions("vms.vm1", 4);
 * v.guestWrite(2);            // => 1 // newest version of block 2
 * v.writePrimary(2, 1, 0);    // primary now holds version 1 of block 2
 * v.mark(2); v.isMarked(2)    // => true
 */
export class BlockVersions {
  /** Newest version of each block (0 = the backup's); read-only outside: only `guestWrite` changes it. */
  readonly newest: Uint32Array;
  /** Version primary holds (of the guest's bytes when the block is partial there), or ABSENT. */
  private readonly primary: Uint32Array;
  /** ABSENT when primary's copy is whole (or absent); else the block is partial there, with this base. */
  private readonly partialBase: Uint32Array;
  /** COPY, MARKED (primary holds the newest version: the copier skips it) or MERGE (read-merge-write). */
  private readonly marked: Uint8Array;
  private markedCount = 0;
  /** Guest writes counted, and blocks written to primary by each writer. */
  readonly counts = { guestWrites: 0, primaryWrites: 0 };
  // Blocks outside [writtenLow, writtenHigh] were never written by the guest: newest is 0 there,
  // known without reading `newest` (a cold page per copied chunk when a thousand VMs relocate).
  private writtenLow = Infinity;
  private writtenHigh = -1;

  constructor(
    /** The VM's component name, for error messages. */
    readonly name: string,
    /** Blocks on the disk. */
    readonly blockCount: number,
  ) {
    this.newest = new Uint32Array(blockCount);
    this.primary = new Uint32Array(blockCount).fill(ABSENT);
    this.partialBase = new Uint32Array(blockCount).fill(ABSENT);
    this.marked = new Uint8Array(blockCount);
  }

  /**
   * Records a guest write of `block`; returns its new newest version.
   *
   * @example
   * new BlockVersions("vm", 1).guestWrite(0) // => 1
   */
  guestWrite(block: number): number {
    this.counts.guestWrites++;
    if (block < this.writtenLow) this.writtenLow = block;
    if (block > this.writtenHigh) this.writtenHigh = block;
    return ++this.newest[block];
  }

  /**
   * The newest version of `block` (`newest[block]`), without touching the array for blocks
   * outside the range the guest ever wrote.
   *
   * @example
   * const v = new BlockVersions("vm", 8); v.guestWrite(3);
   * [v.newestOf(3), v.newestOf(7)] // => [1, 0]
   */
  newestOf(block: number): number {
    return block < this.writtenLow || block > this.writtenHigh ? 0 : this.newest[block];
  }

  /**
   * Primary receives `version` of `block` whole at time `at` (ns): a copy, a zero fill, or a
   * guest write covering the block. Throws an {@link InvariantError} naming the block and time
   * when primary already holds a newer version (a stale overwrite), including the guest's bytes
   * of a block partial on primary.
   *
   * @example
   * const v = new BlockVersions("vm", 4);
   * v.writePrimary(3, 0, 5_000); // copier wrote the backup's block 3 at t = 5 µs
   * v.primaryVersion(3) // => 0
   */
  writePrimary(block: number, version: number, at: number): void {
    const held = this.primary[block];
    if (held !== ABSENT && held > version) {
      throw new InvariantError(`${this.name}: stale overwrite of block ${block} at t=${at} ns: primary held version ${held}, a write brought version ${version}`);
    }
    this.primary[block] = version;
    // Read before writing: a copy or zero fill of a block never partial leaves the line clean.
    if (this.partialBase[block] !== ABSENT) this.partialBase[block] = ABSENT;
    this.counts.primaryWrites++;
  }

  /**
   * A guest write covering part of `block` reaches primary at `at` (ns) with `version` (the
   * newest, just returned by {@link BlockVersions.guestWrite}). Returns true when primary now
   * holds the block whole at `version` (it held the previous version whole), false when the
   * block is partial on primary: its other bytes must still come from a copy (read-merge-write,
   * see {@link BlockVersions.mergePrimary}).
   *
   * @example
   * const v = new BlockVersions("vm", 2);
   * v.writePrimaryPartial(0, v.guestWrite(0), 0) // => false // primary has 512 B of block 0 only
   * v.writePrimary(1, 0, 0); v.writePrimaryPartial(1, v.guestWrite(1), 0) // => true // whole at version 1
   */
  writePrimaryPartial(block: number, version: number, at: number): boolean {
    const held = this.primary[block];
    if (held !== ABSENT && held > version) {
      throw new InvariantError(`${this.name}: stale overwrite of block ${block} at t=${at} ns: primary held version ${held}, a write brought version ${version}`);
    }
    this.counts.primaryWrites++;
    if (this.partialBase[block] === ABSENT && held !== ABSENT && held === version - 1) {
      this.primary[block] = version;
      return true;
    }
    if (this.partialBase[block] === ABSENT) this.partialBase[block] = version - 1;
    this.primary[block] = version;
    return false;
  }

  /**
   * The copier's read-merge-write of a copy of `version` into `block` at `at` (ns): on a block
   * partial on primary, the copy fills the bytes the guest did not write and primary holds the
   * block whole at the guest's (newest) version; the copy must be at least the block's base,
   * else an {@link InvariantError} (a stale merge). On a block primary holds whole or not at
   * all it is {@link BlockVersions.writePrimary}.
   *
   * @example
   * const v = new BlockVersions("vm", 1);
   * v.writePrimaryPartial(0, v.guestWrite(0), 0); // 512 B of version 1, base 0
   * v.mergePrimary(0, 0, 10); v.primaryVersion(0) // => 1 // whole
   */
  mergePrimary(block: number, version: number, at: number): void {
    const base = this.partialBase[block];
    if (base === ABSENT) {
      this.writePrimary(block, version, at);
      return;
    }
    if (version < base) {
      throw new InvariantError(`${this.name}: stale merge into block ${block} at t=${at} ns: its other bytes are at version ${base}, a copy brought version ${version}`);
    }
    this.partialBase[block] = ABSENT;
    this.counts.primaryWrites++;
  }

  /**
   * True when primary holds only part of `block` (a partial guest write not yet merged with a copy).
   *
   * @example
   * new BlockVersions("vm", 1).isPartialOnPrimary(0) // => false
   */
  isPartialOnPrimary(block: number): boolean {
    return this.partialBase[block] !== ABSENT;
  }

  /**
   * The version primary holds of `block`, or -1.
   *
   * @example
   * new BlockVersions("vm", 1).primaryVersion(0) // => -1
   */
  primaryVersion(block: number): number {
    const held = this.primary[block];
    return held === ABSENT ? -1 : held;
  }

  /**
   * Marks `block` as held by primary at its newest version (the copier skips it); returns false
   * when it already was.
   *
   * @example
   * const v = new BlockVersions("vm", 1);
   * v.mark(0) // => true
   * v.mark(0) // => false // already marked
   */
  mark(block: number): boolean {
    if (this.marked[block] === MARKED) return false;
    this.marked[block] = MARKED;
    this.markedCount++;
    return true;
  }

  /**
   * The copier's copy of `version` of `block` reached primary at `at` (ns): skipped when the block
   * is marked, else written whole ({@link BlockVersions.writePrimary}) or merged into a partial
   * guest write ({@link BlockVersions.mergePrimary}), and marked. One read of the block's copier
   * state instead of three (isMarked, needsMerge, mark). Throws like the write it does.
   *
   * @example
   * const v = new BlockVersions("vm", 2); v.markMerge(1);
   * [v.landCopy(0, 0, 5), v.landCopy(0, 0, 6), v.landCopy(1, 0, 7)] // => ["copied", "skipped", "merged"]
   */
  landCopy(block: number, version: number, at: number): "skipped" | "copied" | "merged" {
    const state = this.marked[block];
    if (state === MARKED) return "skipped";
    if (state === MERGE) this.mergePrimary(block, version, at);
    else this.writePrimary(block, version, at);
    this.marked[block] = MARKED;
    this.markedCount++;
    return state === MERGE ? "merged" : "copied";
  }

  /** True when the copier must skip `block`. */
  isMarked(block: number): boolean {
    return this.marked[block] === MARKED;
  }

  /**
   * The mirror rule for a partial guest write: the copier must still copy `block`, with a
   * read-merge-write ({@link BlockVersions.mergePrimary}); returns false when the block already
   * was marked or to merge.
   *
   * @example
   * const v = new BlockVersions("vm", 1);
   * v.markMerge(0); // => true
   * [v.needsMerge(0), v.isMarked(0)] // => [true, false]
   */
  markMerge(block: number): boolean {
    if (this.marked[block] !== COPY) return false;
    this.marked[block] = MERGE;
    return true;
  }

  /** True when the copier's copy of `block` must be a read-merge-write (a partial guest write is on primary). */
  needsMerge(block: number): boolean {
    return this.marked[block] === MERGE;
  }

  /** Blocks marked so far. */
  get marks(): number {
    return this.markedCount;
  }

  /**
   * The switch-over invariant: every block on primary equals its newest version (no guest write
   * lost, no stale overwrite). Throws an {@link InvariantError} naming the first bad block and `at`.
   *
   * @example
   * const v = new BlockVersions("vm", 2);
   * v.writePrimary(0, 0, 0);
   * v.checkPrimaryComplete(120_000_000_000)
   * // throws "vm: at switch-over (t=120000000000 ns) primary holds nothing of block 1, newest is version 0"
   */
  checkPrimaryComplete(at: number): void {
    const { newest, primary } = this;
    for (let block = 0; block < this.blockCount; block++) {
      if (primary[block] !== newest[block] || this.partialBase[block] !== ABSENT) {
        const held = primary[block] === ABSENT ? "nothing" : this.partialBase[block] !== ABSENT ? `only a partial write of version ${primary[block]}` : `version ${primary[block]}`;
        throw new InvariantError(`${this.name}: at switch-over (t=${at} ns) primary holds ${held} of block ${block}, newest is version ${newest[block]}`);
      }
    }
  }
}
