import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ModelKind } from "../../src/contracts/model-kind.ts";
import { queueStationKind } from "../../src/lab/kinds/queue-station.ts";
import { vmBootKind } from "../../src/lab/kinds/vm-boot.ts";
import { loadScenario } from "../../src/lab/load.ts";
import { dataDirOf, loadScenarioOf } from "../../src/scenario/load.ts";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const mm1 = join(repo, "scenarios/validation/mm1.yaml");

function scenarioFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "rtolab-load-"));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const VALID = `version: 1
name: t
model:
  kind: queue-station
  arrival: { distribution: exponential, mean: 1ms }
  service: { distribution: constant, value: 250us }
`;

describe("loadScenario", () => {
  it("loadScenario() converts units and fills defaults", () => {
    const { scenario } = loadScenario(scenarioFile("t.yaml", VALID));
    expect(scenario.seed).toBe(1);
    expect(scenario.replications).toBe(1);
    expect(scenario.model).toEqual({
      kind: "queue-station",
      servers: 1,
      arrival: { distribution: "exponential", mean: 1_000_000 },
      service: { distribution: "constant", value: 250_000 },
      customers: 100_000,
      warmupCustomers: 10_000,
    });
  });

  it("loadScenario() reads JSON files too and gives them the same hash as equal YAML", () => {
    const yaml = loadScenario(scenarioFile("t.yaml", VALID));
    const json = loadScenario(
      scenarioFile("t.json", JSON.stringify({ version: 1, name: "t", model: { kind: "queue-station", arrival: { distribution: "exponential", mean: "1ms" }, service: { distribution: "constant", value: "0.00025s" } } })),
    );
    expect(json.hash).toBe(yaml.hash);
  });

  it("loadScenario() refuses a duration or a size written without a unit, naming the file and field (#17)", () => {
    const path = scenarioFile("unitless.yaml", VALID.replace("mean: 1ms", "mean: 1.25"));
    expect(() => loadScenario(path)).toThrow(`${path}: model.arrival.mean: expected a duration with a unit (e.g. 1.25ms)`);
    expect(() => loadScenario(mm1, { sets: ["model.service.mean=0.001"] })).toThrow(`${mm1}: model.service.mean: expected a duration with a unit (e.g. 1.25ms)`);
    const restore = join(repo, "scenarios/restore/one-vm-dedup.yaml");
    expect(() => loadScenario(restore, { sets: ["model.mediaAgents.storage.chunkSize=4194304"] })).toThrow(
      `${restore}: model.mediaAgents.storage.chunkSize: expected a size with a unit (e.g. 64MiB)`,
    );
    // Counts stay plain numbers, and 0 is 0 in every unit.
    expect(loadScenario(mm1, { sets: ["model.servers=2", "model.service={distribution: uniform, min: 0, max: 1ms}"] }).scenario.model).toMatchObject({ servers: 2, service: { min: 0, max: 1e6 } });
  });

  it("loadScenario(path, {sets}) applies overrides before validation", () => {
    const { scenario } = loadScenario(mm1, { sets: ["replications=3", "model.servers=2"] });
    expect(scenario.replications).toBe(3);
    expect((scenario.model as { servers: number }).servers).toBe(2);
    expect(() => loadScenario(mm1, { sets: ["model.servers=0"] })).toThrow(/mm1\.yaml: model\.servers: Too small/);
  });

  it("loadScenarioOf(kinds) accepts exactly the kinds it is given", () => {
    const path = scenarioFile("kinds.yaml", VALID);
    const queueOnly = [queueStationKind as ModelKind];
    expect(loadScenarioOf(queueOnly, path).scenario.model).toMatchObject({ kind: "queue-station", servers: 1, customers: 100_000 });
    // The same file, when only vm-boot is a kind, is one line naming the field and the choice.
    expect(() => loadScenarioOf([vmBootKind as ModelKind], path)).toThrow(`${path}: model.kind: expected one of "vm-boot"`);
    // Same kinds, same hash: the schema is the kinds' own, whichever list they come in.
    expect(loadScenarioOf(queueOnly, path).hash).toBe(loadScenario(path).hash);
  });

  it("loadScenario() names a misspelled key with its path", () => {
    const path = scenarioFile("typo.yaml", VALID.replace("kind: queue-station", "kind: queue-station\n  servrs: 2"));
    expect(() => loadScenario(path)).toThrow(`${path}: model.servrs: unknown key "servrs"`);
  });

  it("loadScenario() requires a version and rejects newer ones", () => {
    expect(() => loadScenario(scenarioFile("a.yaml", VALID.replace("version: 1\n", "")))).toThrow(/a\.yaml: version: required/);
    expect(() => loadScenario(scenarioFile("b.yaml", VALID.replace("version: 1", "version: 9")))).toThrow(/b\.yaml: version: a format version up to 1/);
  });

  it("loadScenario() reports the line of a YAML syntax error", () => {
    expect(() => loadScenario(scenarioFile("c.yaml", "version: 1\nname: [unclosed\nmodel: {}\n"))).toThrow(/c\.yaml: line \d+: valid YAML/);
  });

  it("loadScenario() rejects a duration without a known unit", () => {
    expect(() => loadScenario(scenarioFile("d.yaml", VALID.replace("mean: 1ms", "mean: 1 fortnight")))).toThrow(
      'model.arrival.mean: a non-negative duration like "250us", "1.5s" or "5min"',
    );
  });

  it("loadScenario() rejects YAML alias bombs without exhausting memory", () => {
    const bomb = ["version: 1", "a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 12; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`);
    expect(() => loadScenario(scenarioFile("bomb.yaml", bomb.join("\n")))).toThrow(/bomb\.yaml: .*valid YAML/);
  });

  it("loadScenario() keeps __proto__ keys away from prototypes", () => {
    const path = scenarioFile("proto.json", '{"version":1,"name":"p","__proto__":{"polluted":1},"model":{"kind":"queue-station"}}');
    expect(() => loadScenario(path)).toThrow(/proto\.json: /);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("dataDirOf(loaded) resolves dataDir against the scenario's folder; load refuses a missing folder or a filesystem root", () => {
    expect(dataDirOf(loadScenario(mm1))).toBeUndefined();
    expect(dataDirOf(loadScenario(mm1, { sets: ["dataDir=../../traces"] }))).toBe(join(repo, "traces"));
    expect(() => loadScenario(mm1, { sets: ["dataDir=../../no-such-folder"] })).toThrow(
      `${mm1}: dataDir: an existing folder other than a filesystem root, relative to the scenario file (got ${join(repo, "no-such-folder")})`,
    );
    expect(() => loadScenario(mm1, { sets: ["dataDir=/"] })).toThrow(/: dataDir: an existing folder other than a filesystem root/);
    expect(() => loadScenario(mm1, { sets: ["dataDir=../../traces/boot1.csv"] })).toThrow(/: dataDir: an existing folder/);
  });
});
