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
