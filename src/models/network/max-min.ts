/** One flow as max-min fair sharing sees it: the links it crosses and an optional own rate cap. */
export interface FairShareFlow {
  /** Indices into the capacity array of the links on the flow's path. */
  links: readonly number[];
  /** A cap on the flow's own rate (bytes/s), e.g. a per-connection limit; Infinity if none. */
  cap?: number;
}

/**
 * Max-min fair rates by progressive filling (water-filling): every unfrozen flow's rate grows
 * at the same pace; when a link saturates (or a flow reaches its own cap) the flows on it are
 * frozen at the current level. Repeats until every flow is frozen. A flow with no links and no
 * cap gets Infinity. Rates are in the unit of `capacities` (bytes/s in rtolab).
 *
 * Runs in O(F·L·k) for F flows, L links and k bottleneck levels; F and L are small (tens to
 * hundreds) in the restore scenarios.
 *
 * @example
 * // link 0: 10, link 1: 4; flow A uses both, B only link 0, C only link 1.
 * maxMinFairShare([10, 4], [{ links: [0, 1] }, { links: [0] }, { links: [1] }]) // => [2, 8, 2]
 */
export function maxMinFairShare(capacities: readonly number[], flows: readonly FairShareFlow[]): number[] {
  const rates = new Array<number>(flows.length).fill(0);
  const remaining = capacities.slice();
  const users = new Array<number>(capacities.length).fill(0);
  const frozen = new Array<boolean>(flows.length).fill(false);
  let unfrozen = flows.length;
  for (const flow of flows) for (const link of flow.links) users[link]++;
  // The level every unfrozen flow has reached so far (they all grow together).
  let level = 0;
  while (unfrozen > 0) {
    // The smallest further increase that saturates a link or hits a flow cap.
    let step = Infinity;
    for (let l = 0; l < remaining.length; l++) {
      if (users[l] > 0) step = Math.min(step, Math.max(0, remaining[l]) / users[l]);
    }
    for (let f = 0; f < flows.length; f++) {
      if (!frozen[f]) step = Math.min(step, (flows[f].cap ?? Infinity) - level);
    }
    level += step;
    if (step === Infinity) {
      for (let f = 0; f < flows.length; f++) if (!frozen[f]) rates[f] = Infinity;
      break;
    }
    for (let l = 0; l < remaining.length; l++) if (users[l] > 0) remaining[l] -= step * users[l];
    // Freeze the flows on saturated links and the flows at their own cap. The tolerance absorbs
    // the rounding of repeated subtraction (relative to the link's capacity).
    const saturated = remaining.map((r, l) => users[l] > 0 && r <= 1e-9 * capacities[l]);
    for (let f = 0; f < flows.length; f++) {
      if (frozen[f]) continue;
      const flow = flows[f];
      const atCap = (flow.cap ?? Infinity) - level <= 1e-9 * level;
      if (atCap || flow.links.some((l) => saturated[l])) {
        frozen[f] = true;
        unfrozen--;
        rates[f] = level;
        for (const l of flow.links) users[l]--;
      }
    }
  }
  return rates;
}

/** A link as {@link busyLinkFairShare} sees it. */
export interface FairShareLink {
  readonly bandwidth: number;
}

/** A flow as {@link busyLinkFairShare} sees it: its path (links by network index) and its cap (Infinity if none). */
export interface FairSharePathFlow {
  readonly path: readonly { readonly index: number }[];
  readonly cap: number;
}

/**
 * `maxMinFairShare` over a network's busy links, in place on reused typed arrays (a flow network
 * runs it twice per transfer): `links` are the links crossed by at least one of `flows`, and
 * `position[link.index]` is a link's place in `links`. The same operations in the same order as
 * `maxMinFairShare`, so the same rates to the bit (max-min.test.ts pins that function; the
 * network tests pin these rates by their closed-form completion times). The returned array is
 * `scratch`'s, valid until its next use; entry f is `flows[f]`'s rate.
 *
 * @example
 * const rates = busyLinkFairShare([{ bandwidth: 10 }, { bandwidth: 4 }], Int32Array.of(0, 1), [{ path: [{ index: 0 }, { index: 1 }], cap: Infinity }, { path: [{ index: 0 }], cap: Infinity }], new FairShareScratch());
 * [rates[0], rates[1]] // => [4, 6] // link 1 caps the first at 4; the second takes the rest of link 0
 */
export function busyLinkFairShare(links: readonly FairShareLink[], position: Int32Array, flows: readonly FairSharePathFlow[], scratch: FairShareScratch): Float64Array {
  const nLinks = links.length;
  const nFlows = flows.length;
  let hops = 0;
  for (let f = 0; f < nFlows; f++) hops += flows[f].path.length;
  const { remaining, users, saturated, rates, live, caps, firstHop, hopLinks } = scratch.ensure(nLinks, nFlows, hops);
  for (let l = 0; l < nLinks; l++) {
    remaining[l] = links[l].bandwidth;
    users[l] = 0;
  }
  // Each flow's links as positions in `links`, flat; `live` lists the flows not frozen yet.
  hops = 0;
  for (let f = 0; f < nFlows; f++) {
    rates[f] = 0;
    live[f] = f;
    caps[f] = flows[f].cap;
    firstHop[f] = hops;
    const path = flows[f].path;
    for (let k = 0; k < path.length; k++) {
      const l = position[path[k].index];
      hopLinks[hops++] = l;
      users[l]++;
    }
  }
  firstHop[nFlows] = hops;
  let unfrozen = nFlows;
  let level = 0;
  while (unfrozen > 0) {
    // Minima and per-link updates do not depend on the order of the flows: only frozen ones are skipped.
    let step = Infinity;
    for (let l = 0; l < nLinks; l++) if (users[l] > 0) step = Math.min(step, Math.max(0, remaining[l]) / users[l]);
    for (let i = 0; i < unfrozen; i++) step = Math.min(step, caps[live[i]] - level);
    level += step;
    if (step === Infinity) {
      for (let i = 0; i < unfrozen; i++) rates[live[i]] = Infinity;
      break;
    }
    for (let l = 0; l < nLinks; l++) if (users[l] > 0) remaining[l] -= step * users[l];
    for (let l = 0; l < nLinks; l++) saturated[l] = users[l] > 0 && remaining[l] <= 1e-9 * links[l].bandwidth ? 1 : 0;
    let kept = 0;
    for (let i = 0; i < unfrozen; i++) {
      const f = live[i];
      const end = firstHop[f + 1];
      let hit = caps[f] - level <= 1e-9 * level;
      for (let h = firstHop[f]; !hit && h < end; h++) hit = saturated[hopLinks[h]] === 1;
      if (hit) {
        rates[f] = level;
        for (let h = firstHop[f]; h < end; h++) users[hopLinks[h]]--;
      } else live[kept++] = f;
    }
    unfrozen = kept;
  }
  return rates;
}

/**
 * Working arrays of {@link busyLinkFairShare}, grown on demand and reused.
 *
 * @example
 * new FairShareScratch().ensure(100, 3).remaining.length // => 128
 */
export class FairShareScratch {
  remaining = new Float64Array(64);
  users = new Int32Array(64);
  saturated = new Uint8Array(64);
  rates = new Float64Array(64);
  /** Flows not frozen yet, their caps, and where each flow's links start in `hopLinks` (one more entry: the end). */
  live = new Int32Array(64);
  caps = new Float64Array(64);
  firstHop = new Int32Array(65);
  hopLinks = new Int32Array(128);

  /** Grows the arrays to at least `links` links, `flows` flows and `hops` links summed over the flows' paths; returns this. */
  ensure(links: number, flows: number, hops = 0): this {
    if (links > this.remaining.length) {
      const n = Math.max(links, this.remaining.length * 2);
      this.remaining = new Float64Array(n);
      this.users = new Int32Array(n);
      this.saturated = new Uint8Array(n);
    }
    if (flows > this.rates.length) {
      const n = Math.max(flows, this.rates.length * 2);
      this.rates = new Float64Array(n);
      this.live = new Int32Array(n);
      this.caps = new Float64Array(n);
      this.firstHop = new Int32Array(n + 1);
    }
    if (hops > this.hopLinks.length) this.hopLinks = new Int32Array(Math.max(hops, this.hopLinks.length * 2));
    return this;
  }
}
