import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/lab/load.ts";
import { runScenario, type RunResult } from "../../src/lab/run.ts";
import { planSweep } from "../../src/lab/sweep/plan.ts";
import { canonicalJson } from "../../src/util/canonical-json.ts";
import { summarizeReplications } from "../../src/metrics/summarize.ts";
import { bandCells } from "../../src/report/csv.ts";
import { runFiles, runSummary } from "../../src/report/run-results.ts";
import type { LoadedScenario } from "../../src/scenario/load.ts";

const replications = [
  { metrics: [{ name: "tts", unit: "s", value: 40, lower: 38, upper: 44 }, { name: "cpu", unit: "fraction", value: 0.5 }], fingerprint: "a", events: 1 },
  { metrics: [{ name: "tts", unit: "s", value: 42, lower: 40, upper: 46 }, { name: "cpu", unit: "fraction", value: 0.7 }], fingerprint: "b", events: 1 },
];
const loaded = { scenario: { name: "demo", replications: 2 }, hash: "h", path: "demo.yaml" } as unknown as LoadedScenario;
const result: RunResult = { loaded, seed: 7, fingerprint: "f", events: 2, variants: [{ name: "base", replications, metrics: summarizeReplications(replications) }] };

describe("run results", () => {
  it("bandCells() gives the band, or empty cells without one", () => {
    expect(bandCells({ lower: 41.2, upper: 47.9 })).toEqual({ band_low: 41.2, band_high: 47.9 });
    expect(bandCells({ lower: 1 })).toEqual({ band_low: "", band_high: "" });
  });

  it("runSummary() puts lower/upper beside the mean of a banded metric only", () => {
    const metrics = (runSummary(result).variants as Record<string, { metrics: Record<string, Record<string, unknown>> }>).base.metrics;
    expect(metrics.tts).toMatchObject({ mean: 41, lower: 39, upper: 45 });
    expect("lower" in metrics.cpu).toBe(false);
  });

  it("metrics.csv and replications.csv lead with scenario,seed,run and carry band_low,band_high (empty when no band)", () => {
    const files = runFiles(result);
    expect(String(files.get("metrics.csv")).split("\n")).toEqual([
      "scenario,seed,run,variant,metric,unit,n,mean,sd,ci95_low,ci95_high,analytic,band_low,band_high",
      "demo,7,s7-h,base,tts,s,2,41,1.4142135623730951,28.29379526382536,53.70620473617464,,39,45",
      "demo,7,s7-h,base,cpu,fraction,2,0.6,0.14142135623730948,-0.6706204736174638,1.8706204736174636,,,",
      "",
    ]);
    expect(String(files.get("replications.csv"))).toBe(
      "scenario,seed,run,variant,replication,metric,unit,value,band_low,band_high\ndemo,7,s7-h,base,0,tts,s,40,38,44\ndemo,7,s7-h,base,0,cpu,fraction,0.5,,\ndemo,7,s7-h,base,1,tts,s,42,40,46\ndemo,7,s7-h,base,1,cpu,fraction,0.7,,\n",
    );
  });

  it("every tidy CSV of a run (model tables too) leads with scenario,seed,run so runs concatenate", () => {
    const tables = [{ name: "tts", rows: [{ vm: 0, tts_s: 40 }] }];
    const withTable: RunResult = { ...result, variants: [{ ...result.variants[0], replications: replications.map((r) => ({ ...r, tables })) }] };
    expect(String(runFiles(withTable).get("tts.csv"))).toBe("scenario,seed,run,variant,replication,vm,tts_s\ndemo,7,s7-h,base,0,0,40\ndemo,7,s7-h,base,1,0,40\n");
  });
});

describe("results do not depend on the working directory (issue #19 item 11)", () => {
  it("summary.json and a sweep's manifest are byte-identical whether rtolab starts in the repository or in /tmp", () => {
    const repo = process.cwd();
    const sets = ["replications=1", "model.customers=200", "model.warmupCustomers=10"];
    const fromHere = (cwd: string) => {
      process.chdir(cwd);
      try {
        const loaded = loadScenario(`${repo}/scenarios/validation/mm1.yaml`, { sets });
        const summary = String(runFiles(runScenario(loaded, { seed: 7 })).get("summary.json"));
        const sweep = planSweep(`${repo}/scenarios/sweeps/mm1-load.yaml`, { sets: ["model.customers=200", "model.warmupCustomers=10"] });
        return { summary, manifest: canonicalJson(sweep.manifest), hash: sweep.hash };
      } finally {
        process.chdir(repo);
      }
    };
    const inRepo = fromHere(repo);
    const inTmp = fromHere(tmpdir());
    expect(JSON.parse(inRepo.summary).scenario.file).toBe("scenarios/validation/mm1.yaml");
    expect(inTmp.summary).toBe(inRepo.summary);
    expect(inTmp.manifest).toBe(inRepo.manifest);
    expect(inTmp.hash).toBe(inRepo.hash);
  });
});
