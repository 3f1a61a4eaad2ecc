/**
 * bin/rtolab.js, the launcher users run: it must stand in for the CLI it starts, so a signal
 * to its PID (what `kill`, a CI runner's timeout or a process supervisor sends) ends the run
 * too, instead of leaving an orphan that later writes a complete results folder.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../robustness/cli-child.ts";

const LAUNCHER = join(REPO, "bin", "rtolab.js");

/** Processes whose command line mentions `text` (the test's unique output folder). */
function processesMentioning(text: string): string[] {
  const ps = spawnSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" });
  return ps.stdout.split("\n").filter((line) => line.includes(text) && !line.includes("ps -eo"));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("bin/rtolab.js", () => {
  it("bin/rtolab.js passes on the CLI's exit status and output", () => {
    const version = spawnSync(process.execPath, [LAUNCHER, "--version"], { cwd: REPO, encoding: "utf8" });
    expect([version.status, version.stdout]).toEqual([0, "0.1.0\n"]);
    const bad = spawnSync(process.execPath, [LAUNCHER, "run", "scenarios/validation/mm1.yaml", "--out", ""], { cwd: REPO, encoding: "utf8" });
    expect([bad.status, bad.stderr]).toEqual([2, "rtolab: --out: a folder path, not an empty string\n"]);
  });

  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
    it(`${signal} to the launcher's PID after 1.5 s ends the run: exit 128 + signal, no results folder, no process left`, async () => {
      const out = join(mkdtempSync(join(tmpdir(), "rtolab-launcher-")), "run");
      // 40 replications: about 5 s of simulation on two idle cores, longer than the wait below.
      const launcher = spawn(process.execPath, [LAUNCHER, "run", "scenarios/validation/mm1.yaml", "--out", out, "--quiet", "--set", "replications=40"], {
        cwd: REPO,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, CI: "true" },
      });
      let stderr = "";
      launcher.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const ended = new Promise<number | null>((resolve) => launcher.on("exit", (status) => resolve(status)));
      await sleep(1_500);
      expect(processesMentioning(out).length).toBeGreaterThanOrEqual(2); // the launcher and the CLI
      launcher.kill(signal);
      const status = await ended;
      expect(status).toBe({ SIGHUP: 129, SIGINT: 130, SIGTERM: 143 }[signal]);
      // The CLI says what was saved, unless the signal came before it had started listening.
      expect(stderr).toMatch(new RegExp(`^(rtolab: interrupted by ${signal}; nothing saved: \\d+ of 40 replications had finished \\(a run writes its results only when complete\\)\n)?$`));
      expect(processesMentioning(out)).toEqual([]);
      // An orphaned run would finish and write its folder within these seconds.
      await sleep(6_000);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(join(out, ".."))).toEqual([]);
      expect(processesMentioning(out)).toEqual([]);
    }, 30_000);
  }
});
