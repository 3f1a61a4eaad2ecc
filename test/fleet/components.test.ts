import { describe, expect, it } from "vitest";
import { Fabric, MediaAgentState, Vsa, type FleetTask } from "../../src/fleet/components.ts";
import type { EstateHost } from "../../src/fleet/estate.ts";
import { Simulation } from "../../src/kernel/simulation.ts";
import { Network } from "../../src/models/network/network.ts";
import { toySpec } from "./toy.ts";

const host = (name: string, site: string, datastores: string[]): EstateHost => ({ name, type: "t", site, datacenter: `${site}.dc0`, subnet: `${site}.dc0.net0`, datastores, group: `t/${site}.dc0` });
const task = (kind: FleetTask["kind"], over: Partial<FleetTask> = {}) => ({ kind, host: "a.t0", site: "a", datastore: "a.dc0.ds0", bytes: 10, bytesDone: 0, ...over }) as FleetTask;

function world() {
  const spec = toySpec();
  const fabric = new Fabric(new Network(new Simulation()), spec);
  const localVsa = new Vsa(0, host("a.t0", "a", ["a.dc0.ds0"]), 2, 2e8, fabric, 0, false);
  const farVsa = new Vsa(1, host("b.t0", "b", []), 2, 2e8, fabric, 0, false);
  const maA = new MediaAgentState(0, "a", fabric, spec.mediaAgents, 0);
  const maB = new MediaAgentState(1, "b", fabric, spec.mediaAgents, 0);
  return { spec, fabric, localVsa, farVsa, maA, maB };
}
const names = (p: { path: { name: string }[]; crossSite: boolean }) => [p.path.map((l) => l.name), p.crossSite];

describe("fleet components", () => {
  it("fabric.path() of a backup: datastore → (NBD when the VSA cannot reach it) → (WAN) → VSA → (WAN) → media agent", () => {
    const { fabric, localVsa, farVsa, maA, maB } = world();
    expect(names(fabric.path(task("backup"), localVsa, maA))).toEqual([["ds.a.dc0.ds0", "vsa.vsa0", "ma.ma0.nic", "ma.ma0.ingest"], false]);
    expect(names(fabric.path(task("backup"), farVsa, maA))).toEqual([["ds.a.dc0.ds0", "nbd.a.t0", "wan.a->b", "vsa.vsa1", "wan.b->a", "ma.ma0.nic", "ma.ma0.ingest"], true]);
    expect(names(fabric.path(task("backup"), localVsa, maB))).toEqual([["ds.a.dc0.ds0", "vsa.vsa0", "wan.a->b", "ma.ma1.nic", "ma.ma1.ingest"], true]);
  });

  it("fabric.path() of restores runs the other way: instant ends at the VM's host (unless the VSA is on it), full at its datastore", () => {
    const { fabric, localVsa, farVsa, maA } = world();
    expect(names(fabric.path(task("restore-instant"), localVsa, maA))).toEqual([["ma.ma0.read", "ma.ma0.nic", "vsa.vsa0"], false]);
    expect(names(fabric.path(task("restore-instant", { host: "a.t1" }), localVsa, maA))).toEqual([["ma.ma0.read", "ma.ma0.nic", "vsa.vsa0", "nic.a.t1"], false]);
    expect(names(fabric.path(task("restore-full"), farVsa, maA))).toEqual([["ma.ma0.read", "ma.ma0.nic", "wan.a->b", "vsa.vsa1", "wan.b->a", "nbd.a.t0", "ds.a.dc0.ds0"], true]);
    // The pipeline's copy path leaves out the coarse read rate.
    expect(names(fabric.copyPath(task("restore-full"), localVsa, maA))).toEqual([["ma.ma0.nic", "vsa.vsa0", "ds.a.dc0.ds0"], false]);
  });

  it("fabric.livePaths() goes media agent NIC → (WAN) → host NIC, and back through the host's outbound NIC", () => {
    const { fabric, maA, maB } = world();
    const near = fabric.livePaths(maA, host("a.t0", "a", []));
    expect([near.toHost.map((l) => l.name), near.toMediaAgent.map((l) => l.name), near.crossSite]).toEqual([["ma.ma0.nic", "nic.a.t0"], ["nic.a.t0.out", "ma.ma0.nic.in"], false]);
    const far = fabric.livePaths(maB, host("a.t0", "a", []));
    expect([far.toHost.map((l) => l.name), far.toMediaAgent.map((l) => l.name), far.crossSite]).toEqual([["ma.ma1.nic", "wan.b->a", "nic.a.t0"], ["nic.a.t0.out", "wan.a->b", "ma.ma1.nic.in"], true]);
  });

  it("fabric.link() creates a link once per name, with the spec's rates", () => {
    const { fabric, spec } = world();
    expect(fabric.wan("a", "b")).toBe(fabric.wan("a", "b"));
    expect(fabric.wan("a", "b")).not.toBe(fabric.wan("b", "a"));
    expect([fabric.wan("a", "b").bandwidth, fabric.datastore("x").bandwidth, fabric.nbd("h").bandwidth, fabric.hostNic("h").bandwidth]).toEqual([spec.network.wan, spec.datastores.rate, spec.hosts.nbdRate, spec.hosts.nic]);
  });

  it("vsa.enqueue()/dequeue() keep queuedBytes = what queued tasks have left; outstanding() adds the running tasks' rest", () => {
    const { localVsa: vsa } = world();
    const a = task("backup", { bytes: 100, bytesDone: 30 });
    const b = task("backup", { bytes: 50 });
    const c = task("backup", { bytes: 7 });
    vsa.enqueue(a);
    vsa.enqueue(b);
    vsa.enqueue(c, true);
    expect(vsa.queue).toEqual([c, a, b]);
    expect([vsa.queuedBytes, a.vsa]).toEqual([127, vsa]);
    expect(vsa.dequeue(1)).toBe(a);
    expect(vsa.queuedBytes).toBe(57);
    vsa.running.add({ ...a, bytesDone: 90 });
    expect(vsa.outstanding()).toBe(57 + 10);
    expect(vsa.view()).toMatchObject({ id: "vsa0", host: "a.t0", openStreams: 1, queuedTasks: 2, bytesQueued: 67, slots: 2, rate: 2e8 });
  });

  it("new MediaAgentState() names its NIC, ingest and read links after its index, with the spec's rates", () => {
    const { maB, spec } = world();
    expect([maB.id, maB.nic.name, maB.ingest.name, maB.read.name]).toEqual(["ma1", "ma.ma1.nic", "ma.ma1.ingest", "ma.ma1.read"]);
    expect([maB.nic.bandwidth, maB.ingest.bandwidth, maB.read.bandwidth]).toEqual([spec.mediaAgents.nic, spec.mediaAgents.ingest, spec.mediaAgents.read]);
  });
});
