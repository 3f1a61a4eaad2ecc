/**
 * Every block's version, and the invariants a restore must keep. The backup holds version 0 of
 * every block; each guest write increments the block's newest version. The primary datastore
 * holds at most one version per block (or none yet). The copier's skip bitmap (`marked`) says
 * which blocks primary already holds at their newest version, so the copier must not overwrite
 * them with the backup's older copy (the mirror rule).
 *
 * Per-block state is three typed arrays sized by the disk's block count (9 bytes per block: a
 * 64 GiB disk in 1 MiB blocks costs 576 KiB).
 */
import { InvariantError } from "../util/errors.ts";

/** Marker in `primary` for a block primary does not hold yet. */
const ABSENT = 0xffffffff;

/**
 * Versions of one VM's blocks on the backup/write area (newest) and on primary storage.
 *
 * @example
 * const v = new BlockVersions("vms.vm1", 4);
 * v.guestWrite(2);            // => 1 (newest version of block 2)
 * v.writePrimary(2, 1, 0);    // primary now holds version 1 of block 2
 * v.mark(2); v.isMarked(2)    // => true
 */
export class BlockVersions {
  /** Newest version of each block (0 = the backup's). */
  readonly newest: Uint32Array;
  /** Version primary holds, or ABSENT. */
  private readonly primary: Uint32Array;
  /** 1 when primary holds the block at a version the copier must not overwrite. */
  private readonly marked: Uint8Array;
  private markedCount = 0;
  /** Guest writes counted, and blocks written to primary by each writer. */
  readonly counts = { guestWrites: 0, primaryWrites: 0 };

  constructor(
    /** The VM's component name, for error messages. */
    readonly name: string,
    /** Blocks on the disk. */
    readonly blockCount: number,
  ) {
    this.newest = new Uint32Array(blockCount);
    this.primary = new Uint32Array(blockCount).fill(ABSENT);
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
    return ++this.newest[block];
  }

  /**
   * Primary receives `version` of `block` at time `at` (ns). Throws an {@link InvariantError}
   * naming the block and time when primary already holds a newer version (a stale overwrite).
   *
   * @example
   * v.writePrimary(3, 0, 5_000) // copier wrote the backup's block 3 at t = 5 µs
   */
  writePrimary(block: number, version: number, at: number): void {
    const held = this.primary[block];
    if (held !== ABSENT && held > version) {
      throw new InvariantError(`${this.name}: stale overwrite of block ${block} at t=${at} ns: primary held version ${held}, a write brought version ${version}`);
    }
    this.primary[block] = version;
    this.counts.primaryWrites++;
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
   * v.mark(0) // => true, then false
   */
  mark(block: number): boolean {
    if (this.marked[block] === 1) return false;
    this.marked[block] = 1;
    this.markedCount++;
    return true;
  }

  /** True when the copier must skip `block`. */
  isMarked(block: number): boolean {
    return this.marked[block] === 1;
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
   * v.checkPrimaryComplete(120_000_000_000) // throws if any block is missing or old at t = 120 s
   */
  checkPrimaryComplete(at: number): void {
    const { newest, primary } = this;
    for (let block = 0; block < this.blockCount; block++) {
      if (primary[block] !== newest[block]) {
        const held = primary[block] === ABSENT ? "nothing" : `version ${primary[block]}`;
        throw new InvariantError(`${this.name}: at switch-over (t=${at} ns) primary holds ${held} of block ${block}, newest is version ${newest[block]}`);
      }
    }
  }
}
