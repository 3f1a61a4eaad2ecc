import type { PolicyDefinition } from "../registry.ts";
import { numberParameter } from "./support.ts";
import type { DemandReadContext, PrefetchPolicyEntry, PrefetchPolicyOptions, Prefetcher, PrefetchSink } from "./types.ts";

/**
 * Definition of `readahead`: Linux's on-demand readahead (mm/readahead.c, kernel 6.1), applied
 * to the whole virtual disk as one stream.
 *
 * @example
 * definition.parameters.maxWindow.default // => 32 // 128 KiB of 4 KiB blocks, the kernel default
 */
export const definition: PolicyDefinition = {
  name: "readahead",
  description:
    "Linux on-demand readahead: an initial window on a sequential miss, grown (x4, then x2, up to maxWindow) each time the guest reaches the async marker.",
  parameters: {
    maxWindow: {
      type: "integer",
      description: "Largest readahead window, in blocks (the kernel's ra_pages; read_ahead_kb / block size).",
      default: 32,
      minimum: 1,
    },
  },
};

/**
 * The kernel's `get_init_ra_size`: the first window for a read of `request` blocks is the request
 * rounded up to a power of two, x4 when small (<= max/32), x2 when medium (<= max/4), else `max`.
 *
 * @example
 * initialWindow(1, 32) // => 4
 * initialWindow(4, 32) // => 8
 */
export function initialWindow(request: number, max: number): number {
  const size = 2 ** Math.ceil(Math.log2(Math.max(1, request)));
  if (size <= max / 32) return size * 4;
  if (size <= max / 4) return size * 2;
  return max;
}

/**
 * The kernel's `get_next_ra_size`: x4 while below max/16, x2 up to max/2, then `max`.
 *
 * @example
 * nextWindow(4, 32)  // => 8
 * nextWindow(32, 32) // => 32
 */
export function nextWindow(current: number, max: number): number {
  if (current < max / 16) return current * 4;
  if (current <= max / 2) return current * 2;
  return max;
}

/**
 * On-demand readahead after mm/readahead.c (`ondemand_readahead`, 6.1). The window
 * `[start, start + size)` carries an async marker at `start + size - asyncSize`:
 * - a read that touches the marker is the async trigger: the next window starts where this one
 *   ends and grows by {@link nextWindow}, with its marker on its first block;
 * - a read that needs a block outside the window is a sync miss at the first such block: at the
 *   window's end it is treated like the marker; at block 0, after an oversize read, or right after
 *   the previous read (`index - prev <= 1`) it opens an initial window of {@link initialWindow};
 *   otherwise it is a standalone random read, read as is, leaving the state alone;
 * - a fresh window whose marker would be its own first block merges the next window at once
 *   (the kernel's `readit` case).
 * Not modelled: `try_context_readahead` (page-cache history) and folio orders. Emits the window
 * minus the blocks of the read itself.
 *
 * @example
 * const ra = new Readahead({ maxWindow: 32 });
 * const calls: unknown[][] = [];
 * const sink: PrefetchSink = (...call) => calls.push(call);
 * ra.onDemandRead({ firstBlock: 0, blockCount: 1, time: 0 }, sink); // window [0, 4)
 * ra.onDemandRead({ firstBlock: 1, blockCount: 1, time: 1 }, sink); // window [4, 12)
 * calls // => [[1, 3, "prestage"], [4, 8, "prestage"]]
 */
export class Readahead implements Prefetcher {
  private readonly max: number;
  private start = 0;
  private size = 0;
  private asyncSize = 0;
  /** Start of the run of adjacent windows ending at `start + size`: all fetched, so cached. */
  private runStart = 0;
  /** Last block of the previous read (the kernel's prev_pos), -1 before any read. */
  private previous = -1;

  constructor(options: PrefetchPolicyOptions = {}) {
    this.max = numberParameter(options, definition, "maxWindow");
  }

  /** The current window and its async-marker distance from the end, for inspection and tests. */
  get window(): { start: number; size: number; asyncSize: number } {
    return { start: this.start, size: this.size, asyncSize: this.asyncSize };
  }

  onDemandRead(ctx: DemandReadContext, sink: PrefetchSink): void {
    const first = ctx.firstBlock;
    const last = first + ctx.blockCount - 1;
    const end = this.start + this.size;
    const marker = end - this.asyncSize;
    let grew = false;
    if (this.size > 0 && this.asyncSize > 0 && first <= marker && marker <= last) {
      grew = this.onDemand(marker, last - marker + 1);
    } else if (this.size === 0 || first < this.runStart || last >= end) {
      const index = first >= this.runStart && first < end ? end : first;
      grew = this.onDemand(index, last - index + 1);
    }
    this.previous = last;
    if (!grew) return;
    const windowEnd = this.start + this.size;
    if (this.start < first) sink(this.start, Math.min(windowEnd, first) - this.start, "prestage");
    const after = Math.max(this.start, last + 1);
    if (after < windowEnd) sink(after, windowEnd - after, "prestage");
  }

  /** The kernel's ondemand_readahead at `index` for `request` blocks; true when a window was (re)set. */
  private onDemand(index: number, request: number): boolean {
    const max = this.max;
    if (index !== 0 && this.size > 0 && (index === this.start + this.size - this.asyncSize || index === this.start + this.size)) {
      this.start += this.size;
      this.size = nextWindow(this.size, max);
      this.asyncSize = this.size;
    } else if (index === 0 || request > max || (this.previous >= 0 && index >= this.previous && index - this.previous <= 1)) {
      this.start = index;
      this.runStart = index;
      this.size = initialWindow(request, max);
      this.asyncSize = this.size > request ? this.size - request : this.size;
    } else {
      return false; // standalone random read: read as is, do not pollute the state
    }
    if (index === this.start && this.size === this.asyncSize) {
      const add = nextWindow(this.size, max);
      if (this.size + add <= max) {
        this.asyncSize = add;
        this.size += add;
      } else {
        this.size = max;
        this.asyncSize = max >> 1;
      }
    }
    return true;
  }
}

/**
 * Registry entry of `readahead`.
 *
 * @example
 * readaheadEntry.create({ maxWindow: 64 }) instanceof Readahead // => true
 */
export const readaheadEntry: PrefetchPolicyEntry = { definition, create: (options) => new Readahead(options) };
