import type { PolicyDefinition } from "../registry.ts";
import { numberOption } from "./policy-options.ts";
import { SlotLists } from "./slot-lists.ts";
import type { AccessContext, CacheKey, CachePolicy, CachePolicyEntry, CachePolicyOptions, EvictedObject, EvictionListener } from "./types.ts";

// Flags of a stack-S entry.
const LIR = 1;
const RESIDENT = 2;
// What the current miss is, carried from find to evict and insert.
const NEW = 0;
const NONRESIDENT_IN_S = 1;
const REFUSED = 2;

/** LIRS's parameters (besides the capacity). */
export interface LirsParameters {
  /** Lhirs, the resident-HIR share of the capacity, at least one unit (default 0.01). */
  hirRatio: number;
  /** Stack S holds at most this many times the capacity, counted like the cache (default 2). */
  stackRatio: number;
  /**
   * A hit on a resident HIR object that is not in S demotes LIR objects until its size fits in
   * the LIR share, as libCacheSim's LIRS.c does (default false: the paper changes no status).
   */
  queueHitDemotesLir: boolean;
}

/**
 * LIRS (Jiang & Zhang, SIGMETRICS'02) with libCacheSim's byte-size semantics (`LIRS.c`). Stack
 * S orders recency of LIR objects, resident HIR objects and non-resident HIR keys; queue Q
 * holds the resident HIR objects (Lhirs = `hirRatio` of the capacity, at least one unit); LIR
 * objects take the rest (Llirs). Stack pruning keeps an LIR object at S's bottom.
 *
 * - LIR hit: to S's top, then prune. Resident HIR hit found in S: becomes LIR (leaves Q), and
 *   while the LIR set is over Llirs its bottom LIR object moves to Q's top as resident HIR
 *   (Q dropping its LRU objects while over Lhirs, whose S entries turn non-resident), then
 *   prune. Resident HIR hit not in S: pushed on S and to Q's top (see `queueHitDemotesLir`).
 * - Miss on a non-resident HIR key in S: demote LIR objects until it fits in Llirs, then make
 *   room (evict Q's LRU while Q is full, then demote S's bottom LIR), and insert it as LIR.
 * - Miss on an unknown key: LIR while the LIR set has room (warm-up), else resident HIR on S
 *   and Q, evicting Q's LRU first when both sets are full. An object larger than Lhirs is not
 *   inserted.
 * - Non-resident HIR keys are bounded: whenever S exceeds `stackRatio` × capacity, the keys that
 *   became non-resident longest ago are forgotten (libCacheSim's `limitStack`).
 *
 * libCacheSim's admission step (`LIRS_can_insert`) may evict before the room check; it runs in
 * the first `evict` of the miss, or in `insert` when no eviction is needed. Evictions that
 * `evict` cannot return — in `insert`, on a hit (byte sizes or `queueHitDemotesLir` only), or
 * all but the last of one `evict` — go to the framework's eviction listener (so `Cache.onEvict`
 * and `stats.evictions` see every victim, in order), and are counted in `silentEvictions` and
 * passed to `onSilentEvict`. With objects of size 1, a full cache and the paper's rules there
 * are none.
 *
 * @example
 * const lirs = new LirsCache(3);
 * const cache = new Cache(3, lirs);
 * [1, 2, 3, 4, 1].map((k) => cache.access(k, 1)); // => [false, false, false, false, true]
 */
export class LirsCache implements CachePolicy {
  readonly hirLimit: number;
  readonly lirLimit: number;
  readonly stackLimit: number;
  readonly queueHitDemotesLir: boolean;
  /** Evictions not returned by `evict` (see the class comment). */
  silentEvictions = 0;
  /** Called with each eviction not returned by `evict`. */
  onSilentEvict: ((key: CacheKey, size: number) => void) | undefined;
  private readonly s = new SlotLists(1);
  private readonly q = new SlotLists(1);
  private readonly nh = new SlotLists(1);
  private readonly sIndex = new Map<CacheKey, number>();
  private readonly qIndex = new Map<CacheKey, number>();
  private readonly nhIndex = new Map<CacheKey, number>();
  private readonly victim: EvictedObject = { key: 0, size: 0 };
  private lirBytes = 0;
  private lirCount = 0;
  private missKind = NEW;
  private admissionPending = false;
  /** Inside `evict`: the latest victim is held in `victim` and returned; earlier ones are reported. */
  private collecting = false;
  private haveVictim = false;
  private listener: EvictionListener | undefined;

  constructor(
    /** Capacity in the cache's unit (bytes, or 1 per object). */
    readonly capacity: number,
    parameters: Partial<LirsParameters> = {},
  ) {
    if (!(capacity > 0)) throw new RangeError(`lirs requires a positive capacity, got ${capacity}`);
    const hirRatio = parameters.hirRatio ?? 0.01;
    const stackRatio = parameters.stackRatio ?? 2;
    if (!(hirRatio > 0 && hirRatio < 1)) throw new RangeError(`lirs.hirRatio requires a number in (0, 1), got ${hirRatio}`);
    if (!(stackRatio >= 1)) throw new RangeError(`lirs.stackRatio requires a number of at least 1, got ${stackRatio}`);
    this.hirLimit = Math.max(1, Math.floor(hirRatio * capacity));
    this.lirLimit = capacity - this.hirLimit;
    this.stackLimit = stackRatio * capacity;
    this.queueHitDemotesLir = parameters.queueHitDemotesLir ?? false;
  }

  get occupied(): number {
    return this.lirBytes + this.q.bytes[0];
  }

  get objectCount(): number {
    return this.lirCount + this.q.count[0];
  }

  /** Stack S (top first, `key` + L/H + r/n) and queue Q (top first), for tests and debugging. */
  state(): { stack: string[]; queue: CacheKey[] } {
    const stack: string[] = [];
    const s = this.s;
    for (let i = s.head[0]; i >= 0; i = s.next[i]) {
      stack.push(`${s.key[i]}${s.flags[i] & LIR ? "L" : "H"}${s.flags[i] & RESIDENT ? "" : "n"}`);
    }
    const queue: CacheKey[] = [];
    for (let i = this.q.head[0]; i >= 0; i = this.q.next[i]) queue.push(this.q.key[i]);
    return { stack, queue };
  }

  find(ctx: AccessContext): boolean {
    this.missKind = NEW;
    this.admissionPending = false;
    const key = ctx.key;
    const sSlot = this.sIndex.get(key);
    const qSlot = this.qIndex.get(key);
    if (sSlot !== undefined) this.s.moveTo(0, sSlot);
    if (qSlot !== undefined) this.q.moveTo(0, qSlot);
    if (sSlot !== undefined) {
      const flags = this.s.flags[sSlot];
      if (flags & LIR) {
        this.prune();
        return true;
      }
      if (flags & RESIDENT) {
        this.hitResidentHirInS(sSlot, qSlot);
        this.limitStack();
        return true;
      }
      // A non-resident HIR key in S: a miss that will come back as LIR.
      this.missKind = NONRESIDENT_IN_S;
      this.admissionPending = true;
      return false;
    }
    if (qSlot !== undefined) {
      this.hitResidentHirInQ(qSlot);
      this.limitStack();
      return true;
    }
    if (ctx.size > this.lirLimit || ctx.size > this.hirLimit) this.missKind = REFUSED;
    else this.admissionPending = true;
    return false;
  }

  insert(ctx: AccessContext): void {
    if (this.missKind === REFUSED) return;
    if (this.admissionPending) this.admit(ctx);
    const sSlot = this.missKind === NONRESIDENT_IN_S ? this.sIndex.get(ctx.key) : undefined;
    if (sSlot !== undefined) {
      this.s.flags[sSlot] = LIR | RESIDENT;
      this.lirBytes += this.s.size[sSlot];
      this.lirCount++;
    } else if (this.lirBytes + ctx.size <= this.lirLimit) {
      this.pushS(ctx.key, ctx.size, LIR | RESIDENT);
      this.lirBytes += ctx.size;
      this.lirCount++;
    } else {
      this.pushS(ctx.key, ctx.size, RESIDENT);
      this.pushQ(ctx.key, ctx.size);
    }
    this.limitStack();
  }

  setEvictionListener(listener: EvictionListener | undefined): void {
    this.listener = listener;
  }

  /** Returns the last victim of this call in an object reused by the next call (earlier ones are reported). */
  evict(ctx: AccessContext): EvictedObject {
    this.collecting = true;
    this.haveVictim = false;
    if (this.admissionPending) this.admit(ctx);
    // One libCacheSim LIRS_evict per round; a round may only demote (no eviction), so repeat.
    while (!this.haveVictim) {
      let progress: boolean;
      if (this.missKind === NONRESIDENT_IN_S) {
        while (this.q.bytes[0] >= this.hirLimit && this.evictHir());
        progress = this.evictLir() || this.haveVictim || this.evictHir();
      } else if (this.lirBytes + ctx.size > this.lirLimit && this.q.bytes[0] + ctx.size > this.hirLimit) {
        progress = this.evictHir() || this.evictLir();
      } else {
        // libCacheSim would spin here; demote instead, which frees Q room or drops an object.
        progress = this.evictLir() || this.evictHir();
      }
      if (!progress) throw new Error("lirs.evict() called with nothing to evict");
    }
    this.collecting = false;
    return this.victim;
  }

  remove(key: CacheKey): boolean {
    const sSlot = this.sIndex.get(key);
    const qSlot = this.qIndex.get(key);
    let resident = qSlot !== undefined;
    if (qSlot !== undefined) this.dropQ(qSlot);
    if (sSlot !== undefined) {
      const flags = this.s.flags[sSlot];
      if (flags & LIR) {
        this.lirBytes -= this.s.size[sSlot];
        this.lirCount--;
        resident = true;
      }
      if (!(flags & RESIDENT)) this.forgetNonResident(key);
      this.dropS(sSlot);
      if (flags & LIR) this.prune();
    }
    return resident;
  }

  /**
   * libCacheSim's `LIRS_can_insert` work for the current miss, deferred from `find` to the first
   * `evict` (so its victim reaches the framework) or, when no eviction is needed, to `insert`.
   * Nothing changes the state in between, so the order of operations is libCacheSim's.
   */
  private admit(ctx: AccessContext): void {
    this.admissionPending = false;
    if (this.missKind === NONRESIDENT_IN_S) {
      const sSlot = this.sIndex.get(ctx.key);
      if (sSlot === undefined) return;
      const size = this.s.size[sSlot];
      while (this.lirBytes + size > this.lirLimit && this.evictLir());
      this.forgetNonResident(ctx.key);
    } else if (this.lirBytes + ctx.size > this.lirLimit && this.q.bytes[0] + ctx.size > this.hirLimit) {
      while (this.q.bytes[0] + ctx.size > this.hirLimit && this.evictHir());
    }
  }

  private hitResidentHirInS(sSlot: number, qSlot: number | undefined): void {
    if (qSlot !== undefined) this.dropQ(qSlot);
    const size = this.s.size[sSlot];
    while (this.lirBytes + size > this.lirLimit && this.s.tail[0] !== sSlot && this.evictLir());
    this.s.flags[sSlot] = LIR | RESIDENT;
    this.lirBytes += size;
    this.lirCount++;
  }

  private hitResidentHirInQ(qSlot: number): void {
    const key = this.q.key[qSlot];
    const size = this.q.size[qSlot];
    if (this.queueHitDemotesLir) while (this.lirBytes + size > this.lirLimit && this.evictLir());
    // libCacheSim pushes it on S as resident even if the demotions above evicted it from Q.
    this.pushS(key, size, RESIDENT);
  }

  /** Moves S's bottom LIR object to Q's top as resident HIR (or drops it if larger than Lhirs), then prunes. */
  private evictLir(): boolean {
    const slot = this.s.tail[0];
    if (slot < 0 || !(this.s.flags[slot] & LIR)) return false;
    const key = this.s.key[slot];
    const size = this.s.size[slot];
    this.lirBytes -= size;
    this.lirCount--;
    this.dropS(slot);
    if (size <= this.hirLimit) {
      while (this.q.bytes[0] + size > this.hirLimit && this.evictHir());
      this.pushQ(key, size);
    } else {
      this.report(key, size);
    }
    this.prune();
    return true;
  }

  /** Evicts Q's LRU object; its S entry, if any, becomes a non-resident HIR key. */
  private evictHir(): boolean {
    const slot = this.q.tail[0];
    if (slot < 0) return false;
    const key = this.q.key[slot];
    const size = this.q.size[slot];
    this.dropQ(slot);
    const sSlot = this.sIndex.get(key);
    if (sSlot !== undefined) {
      this.s.flags[sSlot] &= ~RESIDENT;
      const nhSlot = this.nh.alloc(key, size);
      this.nh.pushHead(0, nhSlot);
      this.nhIndex.set(key, nhSlot);
    }
    this.report(key, size);
    return true;
  }

  /** Stack pruning: removes HIR entries from S's bottom until an LIR object is there. */
  private prune(): void {
    const s = this.s;
    for (let slot = s.tail[0]; slot !== s.head[0] && !(s.flags[slot] & LIR); slot = s.tail[0]) {
      if (!(s.flags[slot] & RESIDENT)) this.forgetNonResident(s.key[slot]);
      this.dropS(slot);
    }
  }

  /** Bounds S by forgetting the oldest non-resident HIR keys. */
  private limitStack(): void {
    while (this.s.bytes[0] > this.stackLimit) {
      const nhSlot = this.nh.tail[0];
      if (nhSlot < 0) return;
      const key = this.nh.key[nhSlot];
      this.forgetNonResident(key);
      const sSlot = this.sIndex.get(key);
      if (sSlot !== undefined) this.dropS(sSlot);
    }
  }

  /** A victim leaves: inside `evict` it becomes the one returned (the previous one is reported), else it is reported. */
  private report(key: CacheKey, size: number): void {
    if (this.collecting) {
      if (this.haveVictim) this.reportSilent(this.victim.key, this.victim.size);
      this.haveVictim = true;
      this.victim.key = key;
      this.victim.size = size;
      return;
    }
    this.reportSilent(key, size);
  }

  private reportSilent(key: CacheKey, size: number): void {
    this.silentEvictions++;
    this.onSilentEvict?.(key, size);
    this.listener?.(key, size);
  }

  private pushS(key: CacheKey, size: number, flags: number): void {
    const slot = this.s.alloc(key, size);
    this.s.flags[slot] = flags;
    this.s.pushHead(0, slot);
    this.sIndex.set(key, slot);
  }

  private pushQ(key: CacheKey, size: number): void {
    const slot = this.q.alloc(key, size);
    this.q.pushHead(0, slot);
    this.qIndex.set(key, slot);
  }

  private dropS(slot: number): void {
    this.sIndex.delete(this.s.key[slot]);
    this.s.release(slot);
  }

  private dropQ(slot: number): void {
    this.qIndex.delete(this.q.key[slot]);
    this.q.release(slot);
  }

  private forgetNonResident(key: CacheKey): void {
    const slot = this.nhIndex.get(key);
    if (slot === undefined) return;
    this.nhIndex.delete(key);
    this.nh.release(slot);
  }
}

/** LIRS's registry definition. */
export const lirsDefinition: PolicyDefinition = {
  name: "lirs",
  description:
    "LIRS (Jiang & Zhang, SIGMETRICS'02): LIR objects (short inter-reference recency) stay, resident HIR objects " +
    "(queue Q, Lhirs of the capacity) are evicted in LRU order; stack S with pruning, non-resident HIR keys in S " +
    "bounded by stackRatio x capacity. Byte semantics follow libCacheSim's LIRS.c.",
  parameters: {
    hirRatio: { type: "number", description: "Lhirs: resident-HIR share of the capacity (at least one unit)", default: 0.01, minimum: 0, maximum: 1 },
    stackRatio: {
      type: "number",
      description: "Stack S (LIR, HIR and non-resident HIR entries) is bounded to this many times the capacity, in the cache's unit",
      default: 2,
      minimum: 1,
    },
    queueHitDemotesLir: {
      type: "boolean",
      description: "libCacheSim's variant: a hit on a resident HIR object not in S demotes LIR objects until it would fit among them",
      default: false,
    },
  },
};

/**
 * Creates a LIRS policy from registry options.
 *
 * @example
 * createLirs({ capacity: 1000 }).hirLimit; // => 10
 */
export function createLirs(options: CachePolicyOptions): LirsCache {
  const demotes = options.queueHitDemotesLir;
  if (demotes !== undefined && typeof demotes !== "boolean") {
    throw new RangeError(`lirs.queueHitDemotesLir requires a boolean, got ${JSON.stringify(demotes)}`);
  }
  return new LirsCache(options.capacity, {
    hirRatio: numberOption(options, "lirs", "hirRatio"),
    stackRatio: numberOption(options, "lirs", "stackRatio"),
    queueHitDemotesLir: demotes,
  });
}

/**
 * LIRS's registry entry (definition plus factory).
 *
 * @example
 * lirsEntry.definition.name; // => "lirs"
 */
export const lirsEntry: CachePolicyEntry = { definition: lirsDefinition, create: createLirs };
