import { describe, expect, it } from "vitest";
import { apportion, drawSize, generateEstate } from "../../src/fleet/estate.ts";
import { RngStreams } from "../../src/kernel/rng.ts";
import { toySpec } from "./toy.ts";

describe("estate", () => {
  it("apportion() splits by largest remainder, ties to the earlier weight, and always sums to the total", () => {
    expect(apportion(12, [500, 300, 200])).toEqual([6, 4, 2]);
    // Exact 3.33…, 3.33…, 3.33…: the one left over goes to the first.
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    // 7 × (0.5, 0.3, 0.2) = 3.5, 2.1, 1.4: floors 3, 2, 1, remainders .5 > .4 > .1 → first gets the last one.
    expect(apportion(7, [5, 3, 2])).toEqual([4, 2, 1]);
    // Zero weights: an even split.
    expect(apportion(5, [0, 0])).toEqual([3, 2]);
    expect(apportion(0, [3, 1])).toEqual([0, 0]);
  });

  it("drawSize() returns constants as given, rounds uniform draws within [min, max] and lognormal draws around the median", () => {
    const rng = new RngStreams("estate").stream("sizes");
    expect(drawSize({ distribution: "constant", value: 4096 }, rng)).toBe(4096);
    const uniform = Array.from({ length: 2000 }, () => drawSize({ distribution: "uniform", min: 10, max: 20 }, rng));
    expect(uniform.every((v) => Number.isInteger(v) && v >= 10 && v <= 20)).toBe(true);
    expect(uniform.reduce((a, b) => a + b, 0) / uniform.length).toBeCloseTo(15, 0);
    const lognormal = Array.from({ length: 4001 }, () => drawSize({ distribution: "lognormal", median: 1e9, sigma: 0.5 }, rng)).sort((a, b) => a - b);
    // The sample median of a lognormal is near its median parameter (±5% for 4,001 draws).
    expect(Math.abs(lognormal[2000] / 1e9 - 1)).toBeLessThan(0.05);
  });

  it("generateEstate() names hosts, spreads them over datacenters then subnets, and gives each VM its disks", () => {
    const spec = toySpec({}, [{ name: "a", datacenters: 2, subnets: 2, datastores: 2, hosts: [{ type: "win", count: 3, vms: 2 }, { type: "sql", count: 1, vms: 1 }] }]);
    const estate = generateEstate(spec, new RngStreams("1/0"));
    // Interleaved: win0, sql0, win1, win2; host j in dc (j mod 2), subnet ⌊j / 2⌋ mod 2.
    expect(estate.hosts.map((h) => [h.name, h.datacenter, h.subnet, h.group])).toEqual([
      ["a.win0", "a.dc0", "a.dc0.net0", "win/a.dc0"],
      ["a.sql0", "a.dc1", "a.dc1.net0", "sql/a.dc1"],
      ["a.win1", "a.dc0", "a.dc0.net1", "win/a.dc0"],
      ["a.win2", "a.dc1", "a.dc1.net1", "win/a.dc1"],
    ]);
    // Datastore k is reached from subnet k mod subnets.
    expect(estate.hosts.map((h) => h.datastores)).toEqual([["a.dc0.ds0"], ["a.dc1.ds0"], ["a.dc0.ds1"], ["a.dc1.ds1"]]);
    expect(estate.datastores).toEqual(["a.dc0.ds0", "a.dc0.ds1", "a.dc1.ds0", "a.dc1.ds1"]);
    // 3 × 2 + 1 × 1 VMs, in declaration order; constant sizes: 1e10 bytes, 10% changed, 1e9 boot set.
    expect(estate.vms.map((vm) => vm.name)).toEqual(["a.win0.vm0", "a.win0.vm1", "a.win1.vm0", "a.win1.vm1", "a.win2.vm0", "a.win2.vm1", "a.sql0.vm0"]);
    for (const vm of estate.vms) {
      expect(vm.disks).toEqual([{ datastore: vm.host.datastores[0], size: 1e10, changedBytes: 1e9 }]);
      expect(vm.bootWorkingSet).toBe(1e9);
    }
  });

  it("generateEstate() with fewer datastores than subnets lets subnet s also reach datastore s mod datastores", () => {
    const spec = toySpec({}, [{ name: "b", datacenters: 1, subnets: 3, datastores: 2, hosts: [{ type: "t", count: 3, vms: 1 }] }]);
    const estate = generateEstate(spec, new RngStreams("1/0"));
    expect(estate.hosts.map((h) => h.datastores)).toEqual([["b.dc0.ds0"], ["b.dc0.ds1"], ["b.dc0.ds0"]]);
  });

  it("generateEstate() draws a site's sizes from its own streams: adding a site leaves the first site's VMs alone", () => {
    const varied = { diskSize: { distribution: "uniform" as const, min: 1e9, max: 5e9 }, disks: { min: 1, max: 3 }, changeRate: { min: 0.01, max: 0.2 }, bootWorkingSet: { distribution: "constant" as const, value: 1e8 } };
    const siteA = { name: "a", datacenters: 1, subnets: 1, datastores: 1, hosts: [{ type: "t", count: 2, vms: 3 }] };
    const one = generateEstate(toySpec({ vms: varied }, [siteA]), new RngStreams("7/0"));
    const two = generateEstate(toySpec({ vms: varied }, [siteA, { ...siteA, name: "z" }]), new RngStreams("7/0"));
    expect(two.vms.slice(0, one.vms.length).map((vm) => vm.disks)).toEqual(one.vms.map((vm) => vm.disks));
    expect(one.vms.flatMap((vm) => vm.disks).every((d) => d.size >= 1e9 && d.size <= 5e9 && d.changedBytes >= d.size * 0.01 - 1 && d.changedBytes <= d.size * 0.2 + 1)).toBe(true);
    expect(new Set(one.vms.map((vm) => vm.disks.length)).size).toBeGreaterThan(1);
  });
});
