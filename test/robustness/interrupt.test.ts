import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SIGNAL_EXIT_CODES } from "../../src/cli/interrupt.ts";
import { rtolabChild, shellExitCode } from "./cli-child.ts";

/** Every file and folder under `root`, relative, sorted. */
function tree(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: "utf8" }).sort();
}

describe("rtolab run interrupted", () => {
  // 4 × 30M customers: well over a minute of simulation even on two idle cores, so a signal
  // sent after start-up (tsx, module loading: a few seconds on a loaded machine) always lands
  // mid-simulation.
  const slow = ["--quiet", "--set", "replications=4", "--set", "model.customers=30000000"];

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`rtolab run, ${signal} after 7 s: exit ${SIGNAL_EXIT_CODES[signal]} and nothing in the results folder (no .tmp-*, no partial run)`, async () => {
      const results = mkdtempSync(join(tmpdir(), "rtolab-interrupt-"));
      const { child, ended } = rtolabChild("run", "scenarios/validation/mm1.yaml", "--results", results, ...slow);
      const timer = setTimeout(() => child.kill(signal), 7_000);
      const end = await ended;
      clearTimeout(timer);
      expect(shellExitCode(end)).toBe(SIGNAL_EXIT_CODES[signal]);
      expect(end.stdout).toBe("");
      expect(tree(results)).toEqual([]);
      // Replications run on worker threads, so the process answers with what was saved.
      expect(end.stderr.trim()).toMatch(
        new RegExp(`^rtolab: interrupted by ${signal}; nothing saved: [0-4] of 4 replications had finished \\(a run writes its results only when complete\\)$`),
      );
    });
  }
});

describe("rtolab plan interrupted", () => {
  it("rtolab plan, SIGINT after 7 s: exit 130 at once, nothing saved, no results folder", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "rtolab-plan-interrupt-")), "plan");
    // 13 configurations × 3 replications of the mass restore: close to a minute on two cores.
    const args = ["plan", "scenarios/fleet/mass-restore.yaml", "--variant", "locality-first", "--vary", "mediaAgents=1..8", "--vary", "vsas=2..32", "--budget", "tts.p95<=5min", "--no-chart", "--out", out];
    const { child, ended } = rtolabChild(...args);
    let sent = 0;
    const timer = setTimeout(() => {
      sent = Date.now();
      child.kill("SIGINT");
    }, 7_000);
    const end = await ended;
    clearTimeout(timer);
    expect(shellExitCode(end)).toBe(130);
    // Replications run on worker threads, so the main thread answers at once (well under 3 s even on a loaded machine).
    expect(Date.now() - sent).toBeLessThan(3_000);
    expect(end.stderr.trim()).toMatch(/^rtolab: interrupted by SIGINT; nothing saved: \d+ configuration\(s\) had been evaluated \(a plan writes its results only when complete\)$/);
    expect(tree(join(out, ".."))).toEqual([]);
  });
});

describe("rtolab sweep interrupted", () => {
  it("rtolab sweep, SIGINT after two finished jobs: exit 130, finished jobs kept whole, no temporary files; the rerun resumes", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "rtolab-sweep-interrupt-")), "sweep");
    const args = ["sweep", "scenarios/sweeps/mm1-load.yaml", "--out", out, "--workers", "1", "--quiet", "--set", "model.customers=50000", "--set", "sweep.replications=2"];
    const jobFiles = (): string[] => {
      try {
        return tree(out).filter((name) => name.startsWith("points/") && name.endsWith(".json"));
      } catch {
        return [];
      }
    };
    const { child, ended } = rtolabChild(...args);
    const poll = setInterval(() => {
      if (jobFiles().length >= 2) child.kill("SIGINT");
    }, 20);
    const end = await ended;
    clearInterval(poll);
    expect(shellExitCode(end)).toBe(130);
    const kept = jobFiles();
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(tree(out).filter((name) => name.includes(".tmp"))).toEqual([]);
    const rerun = await rtolabChild(...args).ended;
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toMatch(new RegExp(`: \\d+ run, ${kept.length} already done`));
  });
});
