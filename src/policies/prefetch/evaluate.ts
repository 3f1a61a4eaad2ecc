import type { IoClass } from "../io-class.ts";
import type { BlockRange, Prefetcher, PrefetchSink } from "./types.ts";

/** The I/O classes a prefetcher emits (a local shorthand, not a type of its own). */
type FetchClass = Exclude<IoClass, "demand">;

/**
 * The simple timing model of {@link evaluatePrefetch}. Time is in logical steps: mount at step 0,
 * demand read `i` at step `mountSteps + i`. The prefetcher's hooks hear step `s` as `s × stepNs`
 * nanoseconds, the unit every prefetch hook speaks.
 *
 * @example
 * import { NoPrefetch } from "./none.ts";
 * const model: PrefetchTimingModel = { blockSize: 4096, fetchDelay: 2, capacityBlocks: 1024 };
 * const reads = [0, 1, 2, 3].map((b) => ({ firstBlock: b, blockCount: 1 }));
 * evaluatePrefetch(reads, new NoPrefetch(), model).coverage // => 0
 */
export interface PrefetchTimingModel {
  /** Block size in bytes (only for `bytesWasted`). */
  blockSize: number;
  /** Steps from a prefetch's issue to its arrival (default 0: it arrives in the step it is issued). */
  fetchDelay?: number;
  /** Pre-stage buffer, in blocks: issuing into a full buffer evicts its oldest block (default unbounded). */
  capacityBlocks?: number;
  /** Blocks issued per step, `"prestage"` before `"relocation"` (default unbounded). */
  blocksPerStep?: number;
  /** Steps between mount (`onStart`) and the first demand read (default 0). */
  mountSteps?: number;
  /** Blocks the relocation copies per step; when > 0, `onRelocationProgress` is called every step (default 0). */
  relocationBlocksPerStep?: number;
  /** Simulated nanoseconds per step, for the times the hooks are given (default 1 ms). */
  stepNs?: number;
}

/**
 * What {@link evaluatePrefetch} measured. Block counts are distinct demand blocks, or prefetch
 * issues (a block evicted and fetched again is two issues); `usedBlocks + wastedBlocks ===
 * issuedBlocks`.
 *
 * @example
 * import { Obl } from "./obl.ts";
 * const reads = [0, 1, 2, 3].map((b) => ({ firstBlock: b, blockCount: 1 }));
 * const result = evaluatePrefetch(reads, new Obl(), { blockSize: 4096 });
 * result.coverage // => 0.75 // three quarters of the blocks the guest read were pre-staged
 */
export interface PrefetchEvaluation {
  /** Distinct blocks the guest read. */
  demandBlocks: number;
  /** Demand blocks whose first read found them pre-staged (arrived or in flight). */
  coveredBlocks: number;
  /** Covered blocks that had arrived by the step of the read. */
  timelyBlocks: number;
  issuedBlocks: number;
  issuedByPriority: Record<Exclude<IoClass, "demand">, number>;
  /** Issued blocks later read while pre-staged. */
  usedBlocks: number;
  /** Issued blocks evicted unread, or still unread at the end. */
  wastedBlocks: number;
  evictedBlocks: number;
  /** Requested blocks dropped because they were already read, pre-staged or queued. */
  redundantBlocks: number;
  /** Queued blocks the guest read before they were issued (fetched on demand instead). */
  cancelledBlocks: number;
  /** Queued blocks never issued (the bandwidth ran out). */
  unissuedBlocks: number;
  /** usedBlocks / issuedBlocks (0 when nothing was issued). */
  accuracy: number;
  /** coveredBlocks / demandBlocks (0 when nothing was read). */
  coverage: number;
  /** timelyBlocks / coveredBlocks (0 when nothing was covered). */
  timeliness: number;
  /** wastedBlocks x blockSize. */
  bytesWasted: number;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/**
 * Runs `prefetcher` against a demand read stream under a simple timing model and reports
 * accuracy, coverage, timeliness and bytes wasted. Pure: the prefetcher is the only state touched.
 *
 * Each step: relocation progress (if any) → issue queued prefetches (bandwidth permitting) →
 * arrivals (`onArrival`) → the step's demand read → `onDemandRead` → issue what it asked for with
 * the bandwidth left. A block's first demand read counts it: if it is pre-staged it is covered
 * (timely if it has arrived) and consumed, freeing its buffer slot; if only queued, the queued
 * fetch is cancelled. Later reads of a block are ignored (the guest has it).
 *
 * @example
 * import { Obl } from "./obl.ts";
 * const reads = [0, 1, 2, 3].map((b) => ({ firstBlock: b, blockCount: 1 }));
 * evaluatePrefetch(reads, new Obl(), { blockSize: 4096 }).coverage // => 0.75 // blocks 1, 2, 3
 */
export function evaluatePrefetch(reads: readonly BlockRange[], prefetcher: Prefetcher, model: PrefetchTimingModel): PrefetchEvaluation {
  const delay = model.fetchDelay ?? 0;
  const capacity = model.capacityBlocks ?? Infinity;
  const bandwidth = model.blocksPerStep ?? Infinity;
  const mountSteps = model.mountSteps ?? 0;
  const relocationRate = model.relocationBlocksPerStep ?? 0;
  const stepNs = model.stepNs ?? 1_000_000;
  if (!(capacity >= 1)) throw new RangeError(`evaluatePrefetch: capacityBlocks must be at least 1, got ${capacity}`);
  if (!(bandwidth >= 1)) throw new RangeError(`evaluatePrefetch: blocksPerStep must be at least 1, got ${bandwidth}`);

  const r = {
    demandBlocks: 0, coveredBlocks: 0, timelyBlocks: 0, issuedBlocks: 0, usedBlocks: 0, wastedBlocks: 0,
    evictedBlocks: 0, redundantBlocks: 0, cancelledBlocks: 0,
  };
  const issuedByPriority: Record<FetchClass, number> = { prestage: 0, relocation: 0 };
  const read = new Set<number>();
  /** Pre-staged (issued, unconsumed) block → arrival step; Map order is issue order (FIFO eviction). */
  const buffer = new Map<number, number>();
  /** Queued block → its class; the queues hold blocks lazily (cancelled ones are skipped on pop). */
  const queued = new Map<number, FetchClass>();
  const queues: Record<FetchClass, { blocks: number[]; head: number }> = {
    prestage: { blocks: [], head: 0 },
    relocation: { blocks: [], head: 0 },
  };
  /** Issued blocks in issue order with their arrival step (non-decreasing: the delay is fixed). */
  const arrivals: { block: number; at: number }[] = [];
  let arrived = 0;
  let budget = 0;
  let time = 0;
  /** `time` as the hooks hear it, ns. */
  let now = 0;

  const sink: PrefetchSink = (firstBlock, blockCount, priority) => {
    for (let block = Math.max(0, firstBlock); block < firstBlock + blockCount; block++) {
      if (read.has(block) || buffer.has(block) || queued.has(block)) {
        r.redundantBlocks++;
        continue;
      }
      queued.set(block, priority);
      queues[priority].blocks.push(block);
    }
  };

  const pop = (priority: FetchClass): number | undefined => {
    const queue = queues[priority];
    while (queue.head < queue.blocks.length) {
      const block = queue.blocks[queue.head++];
      if (queued.get(block) === priority) return block;
    }
    return undefined;
  };

  const issue = (): void => {
    while (budget > 0) {
      const block = pop("prestage") ?? pop("relocation");
      if (block === undefined) return;
      const priority = queued.get(block)!;
      queued.delete(block);
      if (buffer.size >= capacity) {
        const victim: number = buffer.keys().next().value!;
        buffer.delete(victim);
        r.evictedBlocks++;
        r.wastedBlocks++;
        prefetcher.onEvict?.(victim, now);
      }
      buffer.set(block, time + delay);
      if (prefetcher.onArrival) arrivals.push({ block, at: time + delay });
      r.issuedBlocks++;
      issuedByPriority[priority]++;
      budget--;
    }
  };

  const beginStep = (step: number): void => {
    time = step;
    now = step * stepNs;
    budget = bandwidth;
    if (relocationRate > 0) prefetcher.onRelocationProgress?.(relocationRate * step, now, sink);
    issue();
    while (arrived < arrivals.length && arrivals[arrived].at <= step) {
      const { block, at } = arrivals[arrived++];
      if (buffer.get(block) === at) prefetcher.onArrival?.(block, 1, now);
    }
  };

  prefetcher.onStart?.(0, sink);
  for (let step = 0; step < mountSteps; step++) beginStep(step);
  reads.forEach((range, i) => {
    beginStep(mountSteps + i);
    for (let block = range.firstBlock; block < range.firstBlock + range.blockCount; block++) {
      if (read.has(block)) continue;
      read.add(block);
      r.demandBlocks++;
      const arrival = buffer.get(block);
      if (arrival !== undefined) {
        buffer.delete(block);
        r.coveredBlocks++;
        r.usedBlocks++;
        if (arrival <= time) r.timelyBlocks++;
      } else if (queued.delete(block)) {
        r.cancelledBlocks++;
      }
    }
    prefetcher.onDemandRead({ firstBlock: range.firstBlock, blockCount: range.blockCount, time: now }, sink);
    issue();
  });
  r.wastedBlocks += buffer.size;

  return {
    ...r,
    issuedByPriority,
    unissuedBlocks: queued.size,
    accuracy: ratio(r.usedBlocks, r.issuedBlocks),
    coverage: ratio(r.coveredBlocks, r.demandBlocks),
    timeliness: ratio(r.timelyBlocks, r.coveredBlocks),
    bytesWasted: r.wastedBlocks * model.blockSize,
  };
}
