import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { restorePartitions } from "../../../../src/lab/kinds/restore/partitions.ts";

/** Components by brute force: VMs joined when they share a media agent or a host, transitively. */
function componentsByFlooding(vms: number, agents: number, hosts: number): number[][] {
  const seen = new Array<boolean>(vms).fill(false);
  const components: number[][] = [];
  for (let first = 0; first < vms; first++) {
    if (seen[first]) continue;
    const component: number[] = [];
    const stack = [first];
    seen[first] = true;
    while (stack.length > 0) {
      const i = stack.pop()!;
      component.push(i);
      for (let j = 0; j < vms; j++) {
        if (!seen[j] && (i % agents === j % agents || i % hosts === j % hosts)) {
          seen[j] = true;
          stack.push(j);
        }
      }
    }
    components.push(component.sort((a, b) => a - b));
  }
  return components;
}

describe("restorePartitions", () => {
  it("restorePartitions(1000 VMs, 20 agents, 100 hosts) gives 20 partitions: VM i in partition i mod 20, with agent i mod 20 and its 5 hosts", () => {
    const partitions = restorePartitions({ vms: 1000, agents: 20, hosts: 100 });
    expect(partitions).toHaveLength(20);
    expect(partitions[3].vms.slice(0, 3)).toEqual([3, 23, 43]);
    expect(partitions[3].vms).toHaveLength(50);
    expect(partitions[3].agents).toEqual([3]);
    expect(partitions[3].hosts).toEqual([3, 23, 43, 63, 83]);
  });

  it("restorePartitions() keeps one partition when a media agent or host is shared by all (the shipped boot storm)", () => {
    expect(restorePartitions({ vms: 50, agents: 1, hosts: 5 })).toEqual([{ vms: Array.from({ length: 50 }, (_, i) => i), agents: [0], hosts: [0, 1, 2, 3, 4] }]);
    expect(restorePartitions({ vms: 12, agents: 4, hosts: 3 })).toHaveLength(1); // gcd(4, 3) = 1
  });

  it("restorePartitions() splits further when too few VMs join agents and hosts (3 VMs, 2 agents, 3 hosts)", () => {
    // VM0: a0 h0, VM1: a1 h1, VM2: a0 h2; agent 1 and host 1 meet no other VM.
    expect(restorePartitions({ vms: 3, agents: 2, hosts: 3 })).toEqual([
      { vms: [0, 2], agents: [0], hosts: [0, 2] },
      { vms: [1], agents: [1], hosts: [1] },
    ]);
    // Agents and hosts no VM uses join the first partition (idle, but counted in the run's means).
    expect(restorePartitions({ vms: 2, agents: 5, hosts: 4 })).toEqual([
      { vms: [0], agents: [0, 2, 3, 4], hosts: [0, 2, 3] },
      { vms: [1], agents: [1], hosts: [1] },
    ]);
  });

  it("restorePartitions() equals the connected components found by flooding, for any layout", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), (vms, agents, hosts) => {
        const partitions = restorePartitions({ vms, agents, hosts });
        expect(partitions.map((s) => s.vms)).toEqual(componentsByFlooding(vms, agents, hosts));
        const idle = (count: number) => Array.from({ length: Math.max(0, count - vms) }, (_, k) => vms + k);
        partitions.forEach((partition, p) => {
          const used = (count: number) => [...new Set(partition.vms.map((i) => i % count))];
          expect(partition.agents).toEqual([...used(agents), ...(p === 0 ? idle(agents) : [])].sort((a, b) => a - b));
          expect(partition.hosts).toEqual([...used(hosts), ...(p === 0 ? idle(hosts) : [])].sort((a, b) => a - b));
        });
      }),
      { seed: 5, numRuns: 300 },
    );
  });
});
