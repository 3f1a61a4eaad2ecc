import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyticPriority } from "../../../src/lab/kinds/priority-station.ts";
import { runScenario } from "../../../src/lab/run.ts";
import { loadScenario } from "../../../src/lab/load.ts";

const repo = fileURLToPath(new URL("../../..", import.meta.url));
const scenario = join(repo, "scenarios/validation/priority.yaml");

function scenarioFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "rtolab-priority-")), "p.yaml");
  writeFileSync(path, text);
  return path;
}

const VALID = `version: 1
name: p
model:
  kind: priority-station
  discipline: non-preemptive
  classes:
    - { name: high, arrival: { distribution: exponential, mean: 4ms }, service: { distribution: exponential, mean: 1ms } }
    - { name: low, arrival: { distribution: exponential, mean: 2ms }, service: { distribution: constant, value: 1ms } }
`;

describe("priority-station kind", () => {
  it("scenarios/validation/priority.yaml (seed 1, 10 replications): every analytic wait and response lies inside its 95% CI; means pinned", () => {
    const result = runScenario(loadScenario(scenario));
    expect(result.variants.map((v) => v.name)).toEqual(["non-preemptive", "preemptive-resume"]);
    // [metric, simulated mean, analytic] per variant; λ_high = 1/3333333 per ns (0.3 per ms to 1e-7).
    const expected: Record<string, [string, number, number][]> = {
      "non-preemptive": [
        ["waitMean.high", 1.1390402511397424, 1.1428572346938908],
        ["waitMean.low", 5.7626251054390245, 5.714287030612594],
        ["responseMean.high", 2.139520992072165, 2.1428572346938903],
        ["responseMean.low", 6.762612760359974, 6.714287030612594],
      ],
      "preemptive-resume": [
        ["waitMean.high", 0.4256550668073392, 0.42857148979592696],
        ["waitMean.low", 6.191946935553565, 6.14285852040852],
        ["responseMean.high", 1.4261358077397621, 1.428571489795927],
        ["responseMean.low", 7.191934590474515, 7.14285852040852],
      ],
    };
    for (const variant of result.variants) {
      for (const [name, mean, analytic] of expected[variant.name]) {
        const m = variant.metrics.find((metric) => metric.name === name);
        expect(m?.mean, `${variant.name} ${name}`).toBeCloseTo(mean, 10);
        expect(m?.analytic, `${variant.name} ${name}`).toBeCloseTo(analytic, 10);
        expect(m?.ci95[0], `${variant.name} ${name}`).toBeLessThan(analytic);
        expect(m?.ci95[1], `${variant.name} ${name}`).toBeGreaterThan(analytic);
      }
      for (const name of ["utilisation.high", "utilisation.low", "utilisation"]) {
        const m = variant.metrics.find((metric) => metric.name === name);
        expect(m?.ci95[0]).toBeLessThan(m?.analytic ?? NaN);
        expect(m?.ci95[1]).toBeGreaterThan(m?.analytic ?? NaN);
      }
    }
    expect(result.variants[0].metrics.find((m) => m.name === "preemptions")?.mean).toBe(0);
    expect(result.fingerprint).toBe("842323526866be1d");
  });

  it("analyticPriority() follows the discipline and is undefined without Poisson arrivals or with load >= 1", () => {
    const spec = loadScenario(scenarioFile(VALID)).scenario.model as Parameters<typeof analyticPriority>[0];
    // ρ = 0.25 + 0.5; W0 = (0.25·2 + 0.5·1)/2 = 0.5 ms: W_high = 0.5/0.75, W_low = 0.5/(0.75·0.25).
    expect(analyticPriority(spec)?.map((c) => c.meanWait / 1e6)).toEqual([expect.closeTo(2 / 3, 12), expect.closeTo(8 / 3, 12)]);
    const preemptive = analyticPriority({ ...spec, discipline: "preemptive-resume" });
    expect(preemptive?.[0].meanResponse).toBeCloseTo(1e6 / 0.75, 3); // M/M/1 of its own: E[S]/(1 − ρ_high)
    const [high, low] = spec.classes;
    expect(analyticPriority({ ...spec, classes: [{ ...high, arrival: { distribution: "constant", value: 4e6 } }, low] })).toBeUndefined();
    expect(analyticPriority({ ...spec, classes: [high, { ...low, arrival: { distribution: "exponential", mean: 1e6 } }] })).toBeUndefined();
  });

  it("a small run emits per-class metrics named after the classes, with analytic values", () => {
    const loaded = loadScenario(scenarioFile(VALID), { sets: ["replications=2", "model.customers=2000", "model.warmupCustomers=100"] });
    const names = runScenario(loaded).variants[0].metrics.map((m) => `${m.name}${m.analytic === undefined ? "" : "*"}`);
    expect(names).toEqual([
      "waitMean.high*", "waitMean.low*", "responseMean.high*", "responseMean.low*", "utilisation.high*", "utilisation.low*", "utilisation*",
      "customersServed.high", "customersServed.low", "customersServed", "preemptions",
    ]);
  });

  it("runScenario(priority, { onProgress }) hears the customers' share inside the replication, the run unchanged", () => {
    const loaded = loadScenario(scenarioFile(VALID), { sets: ["replications=1", "model.customers=30000", "model.warmupCustomers=0"] });
    const fractions: number[] = [];
    const watched = runScenario(loaded, { onProgress: (f) => fractions.push(f) });
    const plain = runScenario(loaded);
    expect([watched.fingerprint, watched.events]).toEqual([plain.fingerprint, plain.events]);
    // One pulse at 50,000 of the ~60,000 events (about 25,000 customers departed), then the replication's end.
    expect(plain.events).toBeGreaterThan(59_000);
    expect(plain.events).toBeLessThan(61_000);
    expect(fractions).toHaveLength(2);
    expect(fractions[0]).toBeCloseTo(25_000 / 30_000, 1);
    expect(fractions[1]).toBe(1);
  });

  it("bad priority-station input is a one-line error naming the field", () => {
    const fails = (text: string) => () => loadScenario(scenarioFile(text));
    expect(fails(VALID.replace("discipline: non-preemptive", "discipline: lifo"))).toThrow(/p\.yaml: model\.discipline: /);
    expect(fails(VALID.replace("name: low", "name: high"))).toThrow(/model\.classes\[1\]\.name: a class name used once \(high is repeated\)/);
    expect(fails(VALID.replace("name: low", "name: low-prio"))).toThrow(/model\.classes\[1\]\.name: a class name of letters, digits and _/);
    expect(fails(VALID.replace("{ name: high,", "{ name: high, weight: 2,"))).toThrow(/model\.classes\[0\]\.weight: unknown key "weight"/);
    expect(fails(VALID.replace("  discipline: non-preemptive\n", ""))).toThrow(/model\.discipline: /);
    for (const text of [VALID.replace("discipline: non-preemptive", "discipline: lifo"), VALID.replace("name: low", "name: high")]) {
      expect(() => loadScenario(scenarioFile(text))).toThrow(expect.objectContaining({ message: expect.not.stringContaining("\n") }));
    }
  });
});
