/**
 * The coordinator's plan: VM hosts grouped by type and location (`type/site.datacenter`), and
 * VSAs assigned to groups in proportion to each group's bytes.
 */

/** A group of VM hosts with the bytes its tasks move. */
export interface HostGroupLoad {
  key: string;
  site: string;
  bytes: number;
}

/** What the plan needs of a VSA. */
export interface PlannedVsa {
  id: string;
  site: string;
  /** Group key of the VSA's own host. */
  hostGroup: string;
}

/**
 * Assigns VSAs to groups. Per site: every group gets its own VSA first while VSAs last (a VSA on
 * one of the group's hosts preferred), then each remaining VSA joins the group with the most
 * bytes per assigned VSA; groups left without a VSA (or at sites without one) go to the VSA
 * with the fewest bytes assigned. Returns groups per VSA id, in input order.
 *
 * @example
 * assignGroups([{ key: "win/a", site: "a", bytes: 30 }, { key: "sql/a", site: "a", bytes: 10 }],
 *   [{ id: "v0", site: "a", hostGroup: "win/a" }, { id: "v1", site: "a", hostGroup: "win/a" }, { id: "v2", site: "a", hostGroup: "sql/a" }])
 * // => new Map([["v0", ["win/a"]], ["v1", ["win/a"]], ["v2", ["sql/a"]]])
 */
export function assignGroups(groups: readonly HostGroupLoad[], vsas: readonly PlannedVsa[]): Map<string, string[]> {
  const plan = new Map<string, string[]>(vsas.map((v) => [v.id, []]));
  const assignedBytes = new Map<string, number>(vsas.map((v) => [v.id, 0]));
  const perGroup = new Map<string, number>();
  const orphans: HostGroupLoad[] = [];
  const join = (vsa: string, group: HostGroupLoad, share: number) => {
    plan.get(vsa)?.push(group.key);
    assignedBytes.set(vsa, (assignedBytes.get(vsa) ?? 0) + share);
    perGroup.set(group.key, (perGroup.get(group.key) ?? 0) + 1);
  };
  for (const site of [...new Set(groups.map((g) => g.site))]) {
    const siteGroups = groups.filter((g) => g.site === site).sort((a, b) => b.bytes - a.bytes);
    const free = vsas.filter((v) => v.site === site);
    for (const group of siteGroups) {
      if (free.length === 0) {
        orphans.push(group);
        continue;
      }
      const own = free.findIndex((v) => v.hostGroup === group.key);
      const [vsa] = free.splice(own >= 0 ? own : 0, 1);
      join(vsa.id, group, group.bytes);
    }
    for (const vsa of free) {
      let best: HostGroupLoad | undefined;
      let bestShare = -1;
      for (const group of siteGroups) {
        const share = group.bytes / ((perGroup.get(group.key) ?? 0) + 1);
        if (share > bestShare) {
          best = group;
          bestShare = share;
        }
      }
      if (best) join(vsa.id, best, bestShare);
    }
  }
  for (const group of orphans.sort((a, b) => b.bytes - a.bytes)) {
    let best: string | undefined;
    for (const v of vsas) if (best === undefined || (assignedBytes.get(v.id) ?? 0) < (assignedBytes.get(best) ?? 0)) best = v.id;
    if (best !== undefined) join(best, group, group.bytes);
  }
  return plan;
}
