/** A small sweep for tests: 2 × 2 grid of the mm1-load scenario, 3 replications, 2,000 customers. */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const repo = fileURLToPath(new URL("../../..", import.meta.url));
export const sweepScenario = join(repo, "scenarios/sweeps/mm1-load.yaml");
export const smallSets = [
  "model.customers=2000",
  "model.warmupCustomers=200",
  "sweep.replications=3",
  'sweep.grid={"model.servers": [1, 2], "model.arrival.mean": ["2ms", "1.25ms"]}',
];

/** Every file under `folder` (relative path → bytes as latin1 text, for exact comparison). */
export function filesOf(folder: string): Map<string, string> {
  const entries = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  const paths = entries.map((entry) => join(entry.parentPath, entry.name)).sort();
  return new Map(paths.map((path) => [relative(folder, path), readFileSync(path, "latin1")]));
}

/** Runs the CLI from the repository as CI would (no progress line); returns status and output. */
export function rtolab(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(repo, "src/cli/main.ts"), ...args], { cwd: repo, encoding: "utf8", env: { ...process.env, CI: "true" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
