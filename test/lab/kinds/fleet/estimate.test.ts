import { describe, expect, it } from "vitest";
import { fleetNeeds } from "../../../../src/lab/kinds/fleet/estimate.ts";
import { fleetSchema } from "../../../../src/lab/kinds/fleet/schema.ts";


/** A fleet of 2 hosts × 3 VMs (6 VMs) moving its disks in 4 MiB chunks, plus `extra` fields. */
function spec(extra: Record<string, unknown> = {}) {
  return fleetSchema.parse({
    kind: "fleet",
    sites: [{ name: "a", hosts: [{ type: "os", count: 2, vms: 3 }] }],
    vsas: { count: 1 },
    mediaAgents: { count: 1 },
    chunk: "4MiB",
    ...extra,
  });
}

describe("fleetNeeds", () => {
  it("6 VMs of one 64 GiB disk (the defaults): 1 KiB and 10 events per VM; 16384 chunks × 3 events per VM", () => {
    expect(fleetNeeds(spec())).toEqual([
      { field: "model.sites", what: "an estate of 6 VMs", bytes: 6 * 1024, events: 60 },
      { field: "model.chunk", what: "16384 chunks of 4 MiB for each of 6 VMs' disks (64 GiB)", bytes: 0, events: 6 * 16_384 * 3 },
    ]);
    expect(fleetNeeds(spec())[1].events).toBe(294_912);
  });

  it("uses the mean disk count and size: 1..3 disks (2) of uniform 1..3 GiB (2 GiB) = 4 GiB a VM, 1024 chunks", () => {
    const needs = fleetNeeds(spec({ vms: { disks: { min: 1, max: 3 }, diskSize: { distribution: "uniform", min: "1GiB", max: "3GiB" } } }));
    expect(needs[1]).toEqual({ field: "model.chunk", what: "1024 chunks of 4 MiB for each of 6 VMs' disks (4 GiB)", bytes: 0, events: 18_432 });
  });

  it("a lognormal size's mean is median × exp(σ²/2): median 1 GiB, σ = 1 → 1.6487 GiB, 423 chunks (rounded up)", () => {
    const needs = fleetNeeds(spec({ vms: { diskSize: { distribution: "lognormal", median: "1GiB", sigma: 1 } } }));
    // 2^30 × e^0.5 = 1 770 300 984 B a VM; / 4 MiB = 422.07, so 423 chunks.
    expect(needs[1].what).toBe("423 chunks of 4 MiB for each of 6 VMs' disks (1.6 GiB)");
    expect(needs[1].events).toBe(6 * 423 * 3); // 7614
  });

  it("counts VMs over every site and host group: 2×3 + 4×5 = 26 VMs", () => {
    const needs = fleetNeeds(spec({ sites: [{ name: "a", hosts: [{ type: "os", count: 2, vms: 3 }] }, { name: "b", hosts: [{ type: "os", count: 4, vms: 5 }] }] }));
    expect(needs[0]).toEqual({ field: "model.sites", what: "an estate of 26 VMs", bytes: 26 * 1024, events: 260 });
  });

  it("with restore.pipeline: 16 B per block of each restored VM (4 restored VMs of 64 GiB in 1 MiB blocks: 4 MiB)", () => {
    const needs = fleetNeeds(spec({ restore: { vms: 4, pipeline: { vms: { trace: "t.csv", serviceReady: "1s", blockSize: "1MiB" } } } }));
    expect(needs[2]).toEqual({ field: "model.restore.pipeline.vms.blockSize", what: "65536 blocks of 1 MiB for each of 4 restored VMs", bytes: 4 * 65_536 * 16, events: 0 });
    expect(needs[2].bytes).toBe(4 * 2 ** 20);
  });

  it("without restore.pipeline there is no block-table part", () => {
    expect(fleetNeeds(spec({ restore: { vms: 4 } }))).toHaveLength(2);
  });
});
