import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../..", import.meta.url));

function rtolab(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(repo, "src/cli/main.ts"), ...args], { cwd: repo, encoding: "utf8", env: { ...process.env, CI: "true" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("rtolab CLI", () => {
  it("rtolab run on a misspelled key exits 2 with one line naming the key", () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-cli-"));
    const file = join(dir, "typo.yaml");
    writeFileSync(file, "version: 1\nname: typo\nmodel:\n  kind: queue-station\n  servrs: 2\n  arrival: { distribution: exponential, mean: 1ms }\n  service: { distribution: exponential, mean: 500us }\n");
    const { status, stderr, stdout } = rtolab("run", file, "--out", join(dir, "out"));
    expect(status).toBe(2);
    expect(stderr.trim().split("\n")).toEqual([`rtolab: ${file}: model.servrs: unknown key "servrs" (see \`rtolab schema\` for the format)`]);
    expect(stdout).toBe("");
    expect(readdirSync(dir)).toEqual(["typo.yaml"]);
  });

  it("rtolab with an unknown flag or bad seed exits 2 with one line", () => {
    const flag = rtolab("run", "scenarios/validation/mm1.yaml", "--bogus");
    expect(flag.status).toBe(2);
    expect(flag.stderr.trim()).toBe("rtolab: Unknown argument: bogus");
    const seed = rtolab("run", "scenarios/validation/mm1.yaml", "--seed", "-1");
    expect(seed.status).toBe(2);
    expect(seed.stderr.trim()).toBe("rtolab: --seed: a non-negative integer");
  });

  it("rtolab run with a misspelt policy option or a bad parameter value exits 2 with one line naming the field and what is valid", () => {
    const scenario = "scenarios/restore/one-vm-object-store.yaml";
    const typo = rtolab("run", scenario, "--set", "model.prefetch.policy=obl", "--set", "model.prefetch.options.degre=3");
    expect(typo.status).toBe(2);
    expect(typo.stderr.trim().split("\n")).toEqual([`rtolab: ${scenario}: model.prefetch.options.degre: unknown option "degre" of prefetch policy obl; expected one of degree`]);
    const bound = rtolab("run", scenario, "--set", "model.mediaAgents.cache.policy=s3fifo", "--set", "model.mediaAgents.cache.options.smallRatio=0");
    expect(bound.status).toBe(2);
    expect(bound.stderr.trim().split("\n")).toEqual([`rtolab: ${scenario}: model.mediaAgents.cache.options.smallRatio: a number > 0 and < 1`]);
  });

  it("rtolab --version prints the package version", () => {
    expect(rtolab("--version").stdout.trim()).toBe("0.1.0");
  });
});
