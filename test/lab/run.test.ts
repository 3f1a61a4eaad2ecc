import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { replicationSeed, runReplicationOf, runScenario } from "../../src/lab/run.ts";
import { writeRunResults } from "../../src/report/run-results.ts";
import { loadScenario } from "../../src/lab/load.ts";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const validation = (name: string) => join(repo, "scenarios/validation", `${name}.yaml`);

function filesOf(folder: string): Map<string, string> {
  const names = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(names.map((entry) => join(entry.parentPath, entry.name)).map((path) => [relative(folder, path), readFileSync(path, "latin1")]));
}

describe("runScenario", () => {
  it("a model kind's cross-field error names the scenario file and the variant, not \"scenario\"", () => {
    const loaded = loadScenario(join(repo, "scenarios/restore/one-vm-dedup.yaml"), { sets: ["model.vms.blockSize=3MiB"] });
    const file = relative(process.cwd(), loaded.path);
    expect(() => runReplicationOf(loaded, loaded.variants[0], 1, 0)).toThrow(
      `${file}: model.vms.blockSize (variant ${loaded.variants[0].name}): a size dividing model.chunkSize (4194304)`,
    );
  });

  it("replicationSeed(seed, r) joins master seed and replication", () => {
    expect(replicationSeed(7, 3)).toBe("7/3");
  });

  it("runScenario() twice with one seed writes byte-identical results; another seed differs", async () => {
    const small = ["replications=3", "model.customers=20000", "model.warmupCustomers=1000"];
    const root = mkdtempSync(join(tmpdir(), "rtolab-run-"));
    const write = async (seed: number, name: string) =>
      await writeRunResults(runScenario(loadScenario(validation("mm1"), { sets: small }), { seed }), { out: join(root, name) });
    const first = filesOf(await write(7, "a"));
    const second = filesOf(await write(7, "b"));
    const other = filesOf(await write(8, "c"));
    expect([...first.keys()].sort()).toEqual([
      ".rtolab-results", "charts/metrics.png", "charts/metrics.svg", "charts/metrics.vl.json", "metrics.csv", "replications.csv", "report.html", "summary.json",
    ]);
    expect(second).toEqual(first);
    expect(other.get("metrics.csv")).not.toEqual(first.get("metrics.csv"));
    const summary = JSON.parse(first.get("summary.json") ?? "{}");
    expect(summary.seed).toBe(7);
    expect(summary.variants.base.metrics.waitMean.unit).toBe("ms");
    expect(summary.variants.base.metrics.waitMean.analytic).toBeCloseTo(4, 10);
  });

  // Golden fingerprints: a hash over every executed event. A change here means the event order
  // changed; if that was intended, update the value and say why in the commit.
  it.each([
    { name: "mm1", fingerprint: "6e24bf36d2d5d406", waitMean: 4.023 },
    { name: "mmc", fingerprint: "88582ab8f35cc4f7", waitMean: 0.7517 },
    { name: "md1", fingerprint: "820fbb4ff8e26a30", waitMean: 2.01 },
  ])("runScenario($name) keeps its pinned fingerprint and holds the closed form in its 95% CI", ({ name, fingerprint, waitMean }) => {
    const result = runScenario(loadScenario(validation(name)));
    expect(result.fingerprint).toBe(fingerprint);
    const wait = result.variants[0].metrics.find((m) => m.name === "waitMean");
    expect(wait?.mean).toBeCloseTo(waitMean, 3);
    expect(wait?.analytic).toBeDefined();
    const analytic = wait?.analytic ?? NaN;
    expect(wait?.ci95[0]).toBeLessThanOrEqual(analytic);
    expect(wait?.ci95[1]).toBeGreaterThanOrEqual(analytic);
    // 2M measured customers: within 2% of the closed form.
    expect(Math.abs((wait?.mean ?? NaN) - analytic) / analytic).toBeLessThan(0.02);
    const utilisation = result.variants[0].metrics.find((m) => m.name === "utilisation");
    expect(Math.abs((utilisation?.mean ?? NaN) - 0.8)).toBeLessThan(0.005);
  });
});
