import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../../src/lab/run.ts";
import { loadScenario } from "../../../src/lab/load.ts";
import { bindingResource, fleetBindings } from "../../../src/fleet/binding.ts";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { runFleetReplication } from "../../../src/lab/kinds/fleet.ts";
import type { FleetModel } from "../../../src/lab/kinds/fleet/schema.ts";
import { baseVariantOnly } from "../../../src/scenario/load.ts";

const repo = fileURLToPath(new URL("../../..", import.meta.url));
const fleet = (name: string) => join(repo, "scenarios/fleet", `${name}.yaml`);

describe("kind: fleet", () => {
  it("runScenario(toy-restore) gives the hand-computed TTS and a pinned fingerprint", () => {
    const result = runScenario(loadScenario(fleet("toy-restore")), { seed: 1 });
    const mean = (name: string) => result.variants[0].metrics.find((m) => m.name === name)?.mean;
    // 4 media agents at 100 MB/s, 4 streams: 4 VMs ready at 10 s, 4 at 20 s.
    expect([mean("tts.p50"), mean("tts.max")]).toEqual([15 / 60, 20 / 60]);
    expect(result.fingerprint).toBe("2cdd821f351caef5");
  });

  it("runFleetReplication() hands context.onProgress to the fleet: toy-restore's phase reaches 1, its run unchanged", () => {
    const model = loadScenario(fleet("toy-restore")).variants[0].scenario.model as FleetModel;
    const context = (onProgress?: (f: number) => void) => ({ replication: 0, streams: new RngStreams("1/0"), scenarioDir: join(repo, "scenarios/fleet"), onProgress });
    const fractions: number[] = [];
    const watched = runFleetReplication(model, context((f) => fractions.push(f)));
    const plain = runFleetReplication(model, context());
    expect([watched.fingerprint, watched.events]).toEqual([plain.fingerprint, plain.events]);
    // Its 42 events are fewer than the 50,000 between pulses: only the phase's end is heard
    // (test/fleet/run-fleet.test.ts and pipeline.test.ts watch the line move with short intervals).
    expect(plain.events).toBeLessThan(50_000);
    expect(fractions).toEqual([1]);
  });

  it("loadScenario() reads every shipped fleet scenario, variants included", () => {
    for (const name of ["nightly-backup", "mass-restore", "mass-restore-ma-failure", "toy-restore", "ransomware-mixed-estate", "dr-wan"]) {
      const loaded = loadScenario(fleet(name));
      expect((loaded.scenario.model as { kind: string }).kind).toBe("fleet");
      expect(loaded.scenario.sources?.length).toBeGreaterThan(0);
    }
    expect(loadScenario(fleet("nightly-backup")).variants.map((v) => v.name)).toEqual(["round-robin", "least-streams", "least-bytes", "locality-first", "power-of-two", "bin-packing", "grouping"]);
  });

  // Two small runs (about 2 s each): that media agents bind in part of its plan is what the
  // scenario ships for (2 VSAs binding the slots: `rtolab plan`, README).
  it("runScenario(ransomware-mixed-estate): one media agent's disks bind (≥ 0.8), a second cuts TTS p95 by more than a third, and its reads still queue ≥ 0.25 of the VMs' time", () => {
    const run = (mediaAgents: number, vsas: number) => {
      const loaded = loadScenario(fleet("ransomware-mixed-estate"), { sets: [`model.mediaAgents.count=${mediaAgents}`, `model.vsas.count=${vsas}`, "replications=1"] });
      const metrics = new Map(runScenario(loaded, { seed: 1 }).variants[0].metrics.map((m) => [m.name, { mean: m.mean }]));
      return { tts: metrics.get("tts.p95")?.mean as number, binding: bindingResource(metrics, "restore") };
    };
    const [one, two] = [run(1, 8), run(2, 8)];
    expect(one.binding).toMatchObject({ resource: "MA storage", by: "utilisation" }); // 0.845 measured; TTS p95 4.05 min
    // Disks busy 0.68, under 0.8, but the reads queued 0.84 of the VMs' 2.19 min (0.38): a third agent cuts TTS p95 to 2.08 min.
    expect(two.binding).toMatchObject({ resource: "MA storage", by: "wait" });
    expect(two.binding?.value).toBeGreaterThan(0.3);
    expect(two.tts).toBeLessThan((one.tts * 2) / 3);
  });

  /** The base scenario's bindings (label per phase) at a configuration, one replication. */
  const bindingsOf = (name: string, mediaAgents: number, vsas: number) => {
    const loaded = baseVariantOnly(loadScenario(fleet(name), { sets: [`model.mediaAgents.count=${mediaAgents}`, `model.vsas.count=${vsas}`, "replications=1"] }));
    const metrics = new Map(runScenario(loaded, { seed: 1 }).variants[0].metrics.map((m) => [m.name, { mean: m.mean }]));
    return fleetBindings(metrics).map((b) => `${b.phase}: ${b.resource}`);
  };

  // Coarse flows, well under a second each: the frontier's three regimes (plan, README).
  it("runScenario(dr-wan): one media agent's rehydration binds, two bind the WAN, one VSA binds its own throughput", () => {
    expect(bindingsOf("dr-wan", 1, 8)).toEqual(["restore: MA storage"]); // 770 MB/s against a 1.25 GB/s WAN
    expect(bindingsOf("dr-wan", 2, 8)).toEqual(["restore: WAN"]);
    expect(bindingsOf("dr-wan", 2, 1)).toEqual(["restore: VSA throughput"]); // 250 MB/s
  });

  it("runScenario(nightly-backup): with fewer media agents than sites the WAN binds; with one per site, the VSA slots at 6 VSAs and the agents' ingest at 12", () => {
    expect(bindingsOf("nightly-backup", 1, 12)).toEqual(["backup: WAN"]);
    expect(bindingsOf("nightly-backup", 3, 6)).toEqual(["backup: VSA slots"]);
    expect(bindingsOf("nightly-backup", 3, 12)).toEqual(["backup: MA ingest"]); // site a's agent: 0.93 of its 1 GB/s
  });

  it("loadScenario() with a failure naming a missing media agent fails the run with an InputError", () => {
    const loaded = loadScenario(fleet("mass-restore-ma-failure"), { sets: ["model.mediaAgents.count=1", "replications=1"] });
    expect(() => runScenario({ ...loaded, variants: [loaded.variants[0]] })).toThrow("scenarios/fleet/mass-restore-ma-failure.yaml: model.failures[0].index (variant round-robin): an index below the 1 media agents"); // the file and variant named (issue #19)
  });
});
