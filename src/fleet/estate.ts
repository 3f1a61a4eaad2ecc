/**
 * Generating an estate (sites, hosts, datastores, VMs and their disks) from the compact
 * declaration of a `FleetSpec`. Sizes come from named streams per site and host type
 * (`fleet.sites.<site>.<type>.sizes`), so adding a site never changes another site's VMs.
 */
import { lognormal, uniform } from "../kernel/distributions.ts";
import type { Rng, RngStreams } from "../kernel/rng.ts";
import type { FleetSpec, SizeDistributionSpec } from "./spec.ts";

/** A hypervisor host of the estate. */
export interface EstateHost {
  name: string;
  type: string;
  site: string;
  datacenter: string;
  subnet: string;
  /** Datastores this host reaches. */
  datastores: string[];
  /** `type/site/datacenter`: the coordinator's grouping key. */
  group: string;
}

/** One virtual disk. */
export interface EstateDisk {
  datastore: string;
  size: number;
  changedBytes: number;
}

/** A VM of the estate. */
export interface EstateVm {
  name: string;
  host: EstateHost;
  disks: EstateDisk[];
  /** Bytes an instant restore must read before the VM boots. */
  bootWorkingSet: number;
  /** VMs of the same host type before this one in the estate (0, 1, ...): e.g. which template it is cloned from. */
  typeIndex: number;
}

/** The generated estate. */
export interface Estate {
  sites: string[];
  hosts: EstateHost[];
  /** Hosts per site in the interleaved order VSAs are placed in (types and subnets alternate). */
  hostsBySite: Map<string, EstateHost[]>;
  vms: EstateVm[];
  datastores: string[];
}

/**
 * Draws one size (bytes, rounded) from a size distribution.
 *
 * @example
 * drawSize({ distribution: "constant", value: 4096 }, rng) // => 4096
 */
export function drawSize(spec: SizeDistributionSpec, rng: Rng): number {
  switch (spec.distribution) {
    case "constant":
      return spec.value;
    case "uniform":
      return Math.round(uniform(spec.min, spec.max).sample(rng));
    case "lognormal":
      return Math.round(lognormal(Math.log(spec.median), spec.sigma).sample(rng));
  }
}

/** Datastore `k` of a datacenter is reachable from subnet `k mod subnets` (and, with fewer datastores than subnets, subnet `s` also reaches datastore `s mod datastores`). */
function reaches(subnet: number, datastore: number, subnets: number, datastores: number): boolean {
  return datastore % subnets === subnet || (datastores < subnets && subnet % datastores === datastore);
}

/**
 * Builds the estate: per site, hosts interleaved over types, spread over datacenters then
 * subnets; per VM a disk count, sizes and change rates from the site/type streams; each disk on a
 * datastore its host reaches, chosen from `fleet.sites.<site>.placement`.
 *
 * @example
 * const spec = loadScenario("scenarios/fleet/toy-restore.yaml").variants[0].scenario.model as FleetSpec;
 * const estate = generateEstate(spec, new RngStreams("1/0"));
 * estate.vms.length // => 8 // the total of count × vms over every host group
 */
export function generateEstate(spec: FleetSpec, streams: RngStreams): Estate {
  const hosts: EstateHost[] = [];
  const hostsBySite = new Map<string, EstateHost[]>();
  const vms: EstateVm[] = [];
  const datastores: string[] = [];
  const ofType = new Map<string, number>();
  for (const site of spec.sites) {
    for (let d = 0; d < site.datacenters; d++) for (let k = 0; k < site.datastores; k++) datastores.push(`${site.name}.dc${d}.ds${k}`);
    // Interleave host groups: h0 of each type, then h1 of each type, ...
    const order: { group: number; index: number }[] = [];
    const most = Math.max(...site.hosts.map((g) => g.count));
    for (let i = 0; i < most; i++) site.hosts.forEach((g, group) => i < g.count && order.push({ group, index: i }));
    const siteHosts: EstateHost[] = order.map(({ group, index }, j) => {
      const g = site.hosts[group];
      const d = j % site.datacenters;
      const s = Math.floor(j / site.datacenters) % site.subnets;
      const reachable: string[] = [];
      for (let k = 0; k < site.datastores; k++) if (reaches(s, k, site.subnets, site.datastores)) reachable.push(`${site.name}.dc${d}.ds${k}`);
      const datacenter = `${site.name}.dc${d}`;
      return { name: `${site.name}.${g.type}${index}`, type: g.type, site: site.name, datacenter, subnet: `${datacenter}.net${s}`, datastores: reachable, group: `${g.type}/${datacenter}` };
    });
    hostsBySite.set(site.name, siteHosts);
    hosts.push(...siteHosts);
    const placement = streams.stream(`fleet.sites.${site.name}.placement`);
    // VMs in declaration order (group by group, host by host) so a type's stream serves its VMs only.
    for (const g of site.hosts) {
      const sizes = streams.stream(`fleet.sites.${site.name}.${g.type}.sizes`);
      const changes = streams.stream(`fleet.sites.${site.name}.${g.type}.changes`);
      for (const host of siteHosts.filter((h) => h.type === g.type)) {
        for (let v = 0; v < g.vms; v++) {
          const count = spec.vms.disks.min + Math.floor(sizes.double() * (spec.vms.disks.max - spec.vms.disks.min + 1));
          const disks: EstateDisk[] = [];
          for (let k = 0; k < count; k++) {
            const size = drawSize(spec.vms.diskSize, sizes);
            const rate = spec.vms.changeRate.min + changes.double() * (spec.vms.changeRate.max - spec.vms.changeRate.min);
            const datastore = host.datastores[Math.floor(placement.double() * host.datastores.length)];
            disks.push({ datastore, size, changedBytes: Math.max(1, Math.round(size * rate)) });
          }
          const typeIndex = ofType.get(g.type) ?? 0;
          ofType.set(g.type, typeIndex + 1);
          vms.push({ name: `${host.name}.vm${v}`, host, disks, bootWorkingSet: drawSize(spec.vms.bootWorkingSet, sizes), typeIndex });
        }
      }
    }
  }
  return { sites: spec.sites.map((s) => s.name), hosts, hostsBySite, vms, datastores };
}

/**
 * Splits `total` items over `weights` by largest remainder (ties to the earlier weight).
 *
 * @example
 * apportion(12, [500, 300, 200]) // => [6, 4, 2]
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : total / weights.length));
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    counts[i]++;
  }
  return counts;
}
