/**
 * The partitions of a restore world: its connected parts. VM i uses media agent i mod A and host
 * i mod H and nothing else (its own random streams, disk, versions and write-area range), so two
 * VMs interact only through a media agent or a host they share. VMs joined that way form one
 * partition; partitions share no resource, no random stream and no event, so each can run on a
 * kernel of its own, in any order or on another thread, and their results merge into the run's.
 */

/** One connected part of a restore world: the VMs, media agents and hosts it holds, ascending (the first also holds agents and hosts no VM uses). */
export interface RestorePartition {
  vms: number[];
  agents: number[];
  hosts: number[];
}

/** How VMs map to media agents and hosts: VM i on agent i mod `agents`, host i mod `hosts`. */
export interface RestoreLayout {
  vms: number;
  agents: number;
  hosts: number;
}

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * The partitions of a layout, ordered by their first VM. With VM i on agent i mod A and host i mod
 * H, agent a and host h are joined exactly when a ≡ h (mod gcd(A, H)) and some VM below `vms`
 * uses both; with at least lcm(A, H) VMs that makes gcd(A, H) partitions, fewer VMs can split them
 * further, so the partitions are found by union-find rather than by that formula.
 *
 * @example
 * restorePartitions({ vms: 1000, agents: 20, hosts: 100 }).length // => 20 // VM i in partition i mod 20
 * restorePartitions({ vms: 50, agents: 1, hosts: 5 }).length // => 1
 */
export function restorePartitions(layout: RestoreLayout): RestorePartition[] {
  const { vms, agents, hosts } = layout;
  // Union-find over agents [0, A) and hosts [A, A + H).
  const parent = Int32Array.from({ length: agents + hosts }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let i = 0; i < vms; i++) {
    const a = find(i % agents);
    const h = find(agents + (i % hosts));
    if (a !== h) parent[Math.max(a, h)] = Math.min(a, h);
  }
  const byRoot = new Map<number, RestorePartition>();
  const partitions: RestorePartition[] = [];
  for (let i = 0; i < vms; i++) {
    const root = find(i % agents);
    let partition = byRoot.get(root);
    if (partition === undefined) {
      partition = { vms: [], agents: [], hosts: [] };
      byRoot.set(root, partition);
      partitions.push(partition);
    }
    partition.vms.push(i);
  }
  // Agents and hosts no VM uses (numbers at or past the VM count) join the first partition:
  // nothing runs on them, but the run still counts them (an idle media agent lowers the mean
  // utilisation, as in the whole world).
  const place = (count: number, offset: number, into: (partition: RestorePartition) => number[]) => {
    for (let k = 0; k < count; k++) into(k < vms ? byRoot.get(find(offset + k))! : partitions[0]).push(k);
  };
  place(agents, 0, (partition) => partition.agents);
  place(hosts, agents, (partition) => partition.hosts);
  return partitions;
}
