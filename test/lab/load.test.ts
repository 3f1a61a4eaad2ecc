import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { runScenario } from "../../src/lab/run.ts";
import { runScenarioOnWorkers } from "../../src/lab/run-pool.ts";
import { describe, expect, it } from "vitest";
import { modelKinds } from "../../src/lab/kinds.ts";
import { loadScenario } from "../../src/lab/load.ts";
import { loadScenarioOf } from "../../src/scenario/load.ts";

const mm1 = fileURLToPath(new URL("../../scenarios/validation/mm1.yaml", import.meta.url));

describe("loadScenario (rtolab's own kinds)", () => {
  it("is loadScenarioOf with every built-in kind: same scenario, same hash", () => {
    const bound = loadScenario(mm1, { sets: ["replications=5"] });
    const explicit = loadScenarioOf(modelKinds, mm1, { sets: ["replications=5"] });
    expect(bound.scenario.replications).toBe(5);
    expect(bound.hash).toBe(explicit.hash);
    expect(bound.scenario).toEqual(explicit.scenario);
  });

  it("refuses a kind that is not built in, listing the built-in ones", () => {
    expect(() => loadScenario(mm1, { sets: ["model.kind=nope"] })).toThrow(/model\.kind: expected one of "queue-station"/);
  });

  it("loadScenario(object) and loadScenario(yamlText) give the file's scenario and hash, and leave the object as it was", () => {
    const text = readFileSync(mm1, "utf8");
    const document = parse(text) as Record<string, unknown>;
    const frozen = structuredClone(document);
    const sets = ["replications=2", "model.customers=2000"];
    const fromFile = loadScenario(mm1, { sets });
    const fromObject = loadScenario(document, { sets });
    const fromText = loadScenario(text, { sets });
    expect([fromObject.hash, fromText.hash]).toEqual([fromFile.hash, fromFile.hash]);
    expect(document).toEqual(frozen);
    expect(fromObject.inline).toEqual(frozen);
    expect("inline" in fromFile).toBe(false);
  });

  it("loadScenario(object, { baseDir }) resolves the scenario's relative trace paths in baseDir", () => {
    const boot = fileURLToPath(new URL("../../scenarios/boot/boot-one-vm.yaml", import.meta.url));
    const document = parse(readFileSync(boot, "utf8")) as Record<string, unknown>;
    expect(loadScenario(document, { baseDir: dirname(boot) }).path).toBe(`${dirname(boot)}/(inline scenario)`);
    // From the repository root, ../../traces/gboot1.csv is outside: the path rule refuses it at run time.
    const sets = ["replications=1", "variants=[{name: ssd, set: {}}]"];
    const inRoot = loadScenario(document, { sets });
    expect(() => runScenario(inRoot)).toThrow(/\(inline scenario\): model\.trace: a path inside /);
  });

  it("loadScenario(text) names a bad field or line as (inline scenario)", () => {
    expect(() => loadScenario("version: 1\nname: x\nmodel: { kind: queue-station, servrs: 2 }\n")).toThrow(/^\(inline scenario\): model/);
    expect(() => loadScenario("version: 1\nname: [\n")).toThrow(/^\(inline scenario\): line \d+: valid YAML/);
    expect(() => loadScenario({ version: 1, name: "x", model: { kind: "nope" } })).toThrow(/^\(inline scenario\): model\.kind: expected one of/);
  });

  it("runScenarioOnWorkers() runs an inline scenario on worker threads exactly as in this thread", async () => {
    const document = parse(readFileSync(mm1, "utf8")) as Record<string, unknown>;
    const sets = ["replications=2", "model.customers=2000", "model.warmupCustomers=100"];
    const loaded = loadScenario(document, { sets });
    const pooled = await runScenarioOnWorkers(loaded, { seed: 7, workers: 2, sets });
    expect(pooled.fingerprint).toBe(runScenario(loaded, { seed: 7 }).fingerprint);
  });
});
