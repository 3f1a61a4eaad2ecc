import type { PolicyDefinition } from "../../registry.ts";
import { cacheParameters, positiveCapacity } from "../parameters.ts";
import { MultiListSlots } from "../structures/intrusive-list.ts";
import type { IntrusiveList } from "../structures/intrusive-list.ts";
import { initialSlots, NIL } from "../structures/slots.ts";
import type { AccessContext, CacheKey, CachePolicy, CachePolicyEntry, CachePolicyOptions, EvictedObject, EvictionListener } from "../types.ts";

// Slot flags: status of the key's S entry, and which lists the slot is on.
const LIR = 1;
const RESIDENT = 2;
const IN_S = 4;
const IN_Q = 8;
/** On NH, the non-resident keys of S in the order they became non-resident (for `limitStack`). */
const IN_NH = 16;
/** What leaving S clears. */
const S_ENTRY = IN_S | LIR | RESIDENT;
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
   * If those demotions push the object itself out of Q, it goes on S as a non-resident key
   * (libCacheSim leaves it marked resident, counted nowhere).
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
 *   room (evict Q's LRU while Q is full, then demote S's bottom LIR), and insert it as LIR, at
 *   the request's size.
 * - Miss on an unknown key: LIR while the LIR set has room (warm-up), else resident HIR on S
 *   and Q, evicting Q's LRU first when both sets are full. An object larger than Lhirs is not
 *   inserted.
 * - An object becoming LIR at S's top prunes S: if S had been emptied of LIR objects down to
 *   one HIR entry, that entry goes, so S's bottom is LIR whenever there is an LIR object.
 * - Non-resident HIR keys are bounded: whenever S exceeds `stackRatio` × capacity, the keys that
 *   became non-resident longest ago are forgotten (libCacheSim's `limitStack`).
 *
 * One slot per key known to S or Q (key index → slot), threaded on S, Q and NH (non-resident
 * keys of S, oldest first) at once, so a request costs one lookup and allocates nothing once
 * the slot store has grown.
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
  /** One slot per key on S, Q or NH (non-resident keys of S, oldest at the tail); flags say which. */
  private readonly store: MultiListSlots;
  private readonly s: IntrusiveList;
  private readonly q: IntrusiveList;
  private readonly nh: IntrusiveList;
  private readonly victim: EvictedObject = { key: 0, size: 0 };
  private lirBytes = 0;
  private lirCount = 0;
  private missKind = NEW;
  /** With NONRESIDENT_IN_S: the key's slot, as `find` saw it (it may be freed by evictions since). */
  private missSlot = NIL;
  private admissionPending = false;
  /** Inside `evict`: the latest victim is held in `victim` and returned; earlier ones are reported. */
  private collecting = false;
  private haveVictim = false;
  private listener: EvictionListener | undefined;

  constructor(
    /** Capacity in the cache's unit (bytes, or 1 per object). */
    readonly capacity: number,
    parameters: Partial<LirsParameters> = {},
    /** Initial number of slots (a sizing hint; the store doubles when full). */
    slots = 1024,
  ) {
    positiveCapacity("lirs", capacity);
    const { hirRatio, stackRatio, queueHitDemotesLir } = cacheParameters<LirsParameters>(lirsDefinition, parameters);
    this.hirLimit = Math.max(1, Math.floor(hirRatio * capacity));
    this.lirLimit = capacity - this.hirLimit;
    this.stackLimit = stackRatio * capacity;
    this.queueHitDemotesLir = queueHitDemotesLir;
    this.store = new MultiListSlots(3, slots);
    [this.s, this.q, this.nh] = this.store.lists;
  }

  get occupied(): number {
    return this.lirBytes + this.q.bytes;
  }

  get objectCount(): number {
    return this.lirCount + this.q.count;
  }

  /** Stack S (top first, `key` + L/H + r/n) and queue Q (top first), for tests and debugging. */
  state(): { stack: string[]; queue: CacheKey[] } {
    const f = this.store.flags;
    const stack = this.s.slots().map((i) => `${this.store.keys[i]}${f[i] & LIR ? "L" : "H"}${f[i] & RESIDENT ? "" : "n"}`);
    return { stack, queue: this.q.slots().map((i) => this.store.keys[i]) };
  }

  find(ctx: AccessContext): boolean {
    this.missKind = NEW;
    this.admissionPending = false;
    const slot = this.store.slotOf(ctx.key);
    if (slot !== NIL) {
      const flags = this.store.flags[slot];
      if (flags & IN_Q) this.q.moveToHead(slot);
      if (flags & IN_S) {
        this.s.moveToHead(slot);
        if (flags & LIR) {
          this.prune();
          return true;
        }
        if (flags & RESIDENT) {
          this.hitResidentHirInS(slot);
          this.limitStack();
          return true;
        }
        // A non-resident HIR key in S: a miss that will come back as LIR, at this request's size.
        if (this.store.sizes[slot] !== ctx.size) this.resizeNonResident(slot, ctx.size);
        this.missKind = NONRESIDENT_IN_S;
        this.missSlot = slot;
        this.admissionPending = true;
        return false;
      }
      if (flags & IN_Q) {
        this.hitResidentHirInQ(slot);
        this.limitStack();
        return true;
      }
    }
    if (ctx.size > this.lirLimit || ctx.size > this.hirLimit) this.missKind = REFUSED;
    else this.admissionPending = true;
    return false;
  }

  insert(ctx: AccessContext): void {
    if (this.missKind === REFUSED) return;
    if (this.admissionPending) this.admit(ctx);
    // Evictions since `find` may have pruned the non-resident entry off S (and freed its slot;
    // none is allocated before this point): then it comes in as new.
    const slot = this.missKind === NONRESIDENT_IN_S ? this.missSlot : NIL;
    if (slot !== NIL && this.store.flags[slot] & IN_S) {
      this.store.flags[slot] |= LIR | RESIDENT;
      this.lirBytes += this.store.sizes[slot];
      this.lirCount++;
      this.prune();
    } else if (this.lirBytes + ctx.size <= this.lirLimit) {
      this.link(this.s, IN_S | LIR | RESIDENT, this.store.alloc(ctx.key, ctx.size));
      this.lirBytes += ctx.size;
      this.lirCount++;
      this.prune();
    } else {
      const fresh = this.store.alloc(ctx.key, ctx.size);
      this.link(this.s, IN_S | RESIDENT, fresh);
      this.link(this.q, IN_Q, fresh);
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
        while (this.q.bytes >= this.hirLimit && this.evictHir());
        progress = this.evictLir() || this.haveVictim || this.evictHir();
      } else if (this.lirBytes + ctx.size > this.lirLimit && this.q.bytes + ctx.size > this.hirLimit) {
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
    const slot = this.store.slotOf(key);
    if (slot === NIL) return false;
    const flags = this.store.flags[slot];
    if (flags & IN_Q) this.unlink(this.q, IN_Q, slot);
    if (flags & IN_NH) this.unlink(this.nh, IN_NH, slot);
    if (flags & IN_S) this.unlink(this.s, S_ENTRY, slot);
    this.release(slot);
    if (flags & LIR) {
      this.lirBytes -= this.store.sizes[slot];
      this.lirCount--;
      this.prune();
    }
    return (flags & (IN_Q | LIR)) !== 0;
  }

  /**
   * libCacheSim's `LIRS_can_insert` work for the current miss, deferred from `find` to the first
   * `evict` (so its victim reaches the framework) or, when no eviction is needed, to `insert`.
   * Nothing changes the state in between, so the order of operations is libCacheSim's.
   */
  private admit(ctx: AccessContext): void {
    this.admissionPending = false;
    if (this.missKind === NONRESIDENT_IN_S) {
      // Nothing ran since `find`: missSlot is the key's slot, on S.
      const slot = this.missSlot;
      const size = this.store.sizes[slot];
      while (this.lirBytes + size > this.lirLimit && this.evictLir());
      // No slot is allocated while evicting, so `slot` is still this key's or free (flags 0).
      if (this.store.flags[slot] & IN_NH) this.unlink(this.nh, IN_NH, slot);
    } else if (this.lirBytes + ctx.size > this.lirLimit && this.q.bytes + ctx.size > this.hirLimit) {
      while (this.q.bytes + ctx.size > this.hirLimit && this.evictHir());
    }
  }

  private hitResidentHirInS(slot: number): void {
    if (this.store.flags[slot] & IN_Q) this.unlink(this.q, IN_Q, slot);
    const size = this.store.sizes[slot];
    // slot is S's top: pruning cannot drop it.
    while (this.lirBytes + size > this.lirLimit && this.s.tail !== slot && this.evictLir());
    this.store.flags[slot] |= LIR;
    this.lirBytes += size;
    this.lirCount++;
    this.prune();
  }

  private hitResidentHirInQ(slot: number): void {
    const key = this.store.keys[slot];
    const size = this.store.sizes[slot];
    if (this.queueHitDemotesLir) while (this.lirBytes + size > this.lirLimit && this.evictLir());
    if (this.store.flags[slot] & IN_Q) {
      this.link(this.s, IN_S | RESIDENT, slot);
      return;
    }
    // The demotions above evicted it from Q (and freed its slot; no slot is allocated while
    // evicting). libCacheSim still pushes it on S marked resident, but it is in neither the LIR
    // set nor Q, so `occupied` would not count it while its next hit would: it goes on S as a
    // non-resident HIR key instead (its next access is a miss that brings it back as LIR).
    const ghost = this.store.alloc(key, size);
    this.link(this.s, IN_S, ghost);
    this.link(this.nh, IN_NH, ghost);
  }

  /** Gives the non-resident key on S and NH at `slot` a new size (the request's), keeping its place. */
  private resizeNonResident(slot: number, size: number): void {
    const delta = size - this.store.sizes[slot];
    this.store.sizes[slot] = size;
    this.s.bytes += delta;
    if (this.store.flags[slot] & IN_NH) this.nh.bytes += delta;
  }

  /** Moves S's bottom LIR object to Q's top as resident HIR (or drops it if larger than Lhirs), then prunes. */
  private evictLir(): boolean {
    const slot = this.s.tail;
    if (slot === NIL || !(this.store.flags[slot] & LIR)) return false;
    const size = this.store.sizes[slot];
    this.lirBytes -= size;
    this.lirCount--;
    this.unlink(this.s, S_ENTRY, slot);
    if (size <= this.hirLimit) {
      while (this.q.bytes + size > this.hirLimit && this.evictHir());
      this.link(this.q, IN_Q, slot);
    } else {
      this.report(this.store.keys[slot], size);
      this.release(slot);
    }
    this.prune();
    return true;
  }

  /** Evicts Q's LRU object; its S entry, if any, becomes a non-resident HIR key. */
  private evictHir(): boolean {
    const slot = this.q.tail;
    if (slot === NIL) return false;
    this.unlink(this.q, IN_Q, slot);
    if (this.store.flags[slot] & IN_S) {
      this.store.flags[slot] = (this.store.flags[slot] & ~RESIDENT) | IN_NH;
      this.nh.pushHead(slot, this.store.sizes[slot]);
    }
    this.report(this.store.keys[slot], this.store.sizes[slot]);
    this.release(slot);
    return true;
  }

  /** Stack pruning: removes HIR entries from S's bottom until an LIR object is there. */
  private prune(): void {
    const s = this.s;
    const flags = this.store.flags;
    for (let slot = s.tail; slot !== s.head && !(flags[slot] & LIR); slot = s.tail) {
      if (flags[slot] & IN_NH) this.unlink(this.nh, IN_NH, slot);
      this.unlink(this.s, S_ENTRY, slot);
      this.release(slot);
    }
  }

  /** Bounds S by forgetting the oldest non-resident HIR keys. */
  private limitStack(): void {
    while (this.s.bytes > this.stackLimit) {
      const slot = this.nh.tail;
      if (slot === NIL) return;
      this.unlink(this.nh, IN_NH, slot);
      if (this.store.flags[slot] & IN_S) this.unlink(this.s, S_ENTRY, slot);
      this.release(slot);
    }
  }

  /** A victim leaves: inside `evict` it becomes the one returned and the previous one, if any, is reported. */
  private report(key: CacheKey, size: number): void {
    const victim = this.victim;
    if (!this.collecting) return this.reportSilent(key, size);
    if (this.haveVictim) this.reportSilent(victim.key, victim.size);
    this.haveVictim = true;
    victim.key = key;
    victim.size = size;
  }

  private reportSilent(key: CacheKey, size: number): void {
    this.silentEvictions++;
    this.onSilentEvict?.(key, size);
    this.listener?.(key, size);
  }

  /** Frees `slot` if it is on no list any more. */
  private release(slot: number): void {
    if (!(this.store.flags[slot] & (IN_S | IN_Q | IN_NH))) this.store.free(slot);
  }

  /** Puts `slot` at the head of `list`, setting `bits` (the list's own bit, and any status). */
  private link(list: IntrusiveList, bits: number, slot: number): void {
    this.store.flags[slot] |= bits;
    list.pushHead(slot, this.store.sizes[slot]);
  }

  /** Takes `slot` off `list`, clearing `bits` (leaving S clears the S status, LIR and resident). */
  private unlink(list: IntrusiveList, bits: number, slot: number): void {
    this.store.flags[slot] &= ~bits;
    list.unlink(slot, this.store.sizes[slot]);
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
    hirRatio: { type: "number", description: "Lhirs: resident-HIR share of the capacity (at least one unit)", default: 0.01, minimum: 0, maximum: 1, exclusiveMinimum: true, exclusiveMaximum: true },
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
  const { capacity, ...parameters } = options;
  return new LirsCache(capacity, parameters, initialSlots(options));
}

/**
 * LIRS's registry entry (definition plus factory).
 *
 * @example
 * lirsEntry.definition.name; // => "lirs"
 */
export const lirsEntry: CachePolicyEntry = { definition: lirsDefinition, create: createLirs };
