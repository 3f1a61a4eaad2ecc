import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { rtolabAsync } from "../robustness/cli-child.ts";

const repo = fileURLToPath(new URL("../..", import.meta.url));

function rtolab(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(repo, "src/cli/main.ts"), ...args], { cwd: repo, encoding: "utf8", env: { ...process.env, CI: "true" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("rtolab CLI", () => {
  // The refusals are independent children, mostly start-up: they run at once (it.concurrent, Promise.all).
  it.concurrent("rtolab run on a misspelled key exits 2 with one line naming the key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-cli-"));
    const file = join(dir, "typo.yaml");
    writeFileSync(file, "version: 1\nname: typo\nmodel:\n  kind: queue-station\n  servrs: 2\n  arrival: { distribution: exponential, mean: 1ms }\n  service: { distribution: exponential, mean: 500us }\n");
    const { status, stderr, stdout } = await rtolabAsync(repo, "run", file, "--out", join(dir, "out"));
    expect(status).toBe(2);
    expect(stderr.trim().split("\n")).toEqual([`rtolab: ${file}: model.servrs: unknown key "servrs" (see \`rtolab schema\` for the format)`]);
    expect(stdout).toBe("");
    expect(readdirSync(dir)).toEqual(["typo.yaml"]);
  });

  it.concurrent("rtolab with an unknown flag or bad seed exits 2 with one line", async () => {
    const [flag, seed] = await Promise.all([rtolabAsync(repo, "run", "scenarios/validation/mm1.yaml", "--bogus"), rtolabAsync(repo, "run", "scenarios/validation/mm1.yaml", "--seed", "-1")]);
    expect(flag.status).toBe(2);
    expect(flag.stderr.trim()).toBe("rtolab: Unknown argument: bogus");
    expect(seed.status).toBe(2);
    expect(seed.stderr.trim()).toBe("rtolab: --seed: a non-negative integer");
  });

  it.concurrent("rtolab with a one-value option given twice exits 2 with one line, and writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-cli-"));
    const [junit, seed] = await Promise.all([
      rtolabAsync(repo, "check", "scenarios/boot/boot-one-vm.yaml", "--budgets", "budgets/shipped.yaml", "--junit", join(dir, "a.xml"), "--junit", join(dir, "b.xml")),
      rtolabAsync(repo, "run", "scenarios/validation/mm1.yaml", "--seed", "1", "--seed", "2", "--out", join(dir, "out")),
    ]);
    expect(junit.status).toBe(2);
    expect(junit.stderr.trim()).toBe(`rtolab: --junit: one value, given 2 times (${join(dir, "a.xml")}, ${join(dir, "b.xml")})`);
    expect(readdirSync(dir)).toEqual([]);
    expect(seed.status).toBe(2);
    expect(seed.stderr.trim()).toBe("rtolab: --seed: one value, given 2 times (1, 2)");
    expect(readdirSync(dir)).toEqual([]);
  });

  it.concurrent("rtolab run with a misspelt policy option or a bad parameter value exits 2 with one line naming the field and what is valid", async () => {
    const scenario = "scenarios/restore/one-vm-object-store.yaml";
    const [typo, bound] = await Promise.all([
      rtolabAsync(repo, "run", scenario, "--set", "model.prefetch.policy=obl", "--set", "model.prefetch.options.degre=3"),
      rtolabAsync(repo, "run", scenario, "--set", "model.mediaAgents.cache.policy=s3fifo", "--set", "model.mediaAgents.cache.options.smallRatio=0"),
    ]);
    expect(typo.status).toBe(2);
    expect(typo.stderr.trim().split("\n")).toEqual([`rtolab: ${scenario}: model.prefetch.options.degre: unknown option "degre" of prefetch policy obl; expected one of degree`]);
    expect(bound.status).toBe(2);
    expect(bound.stderr.trim().split("\n")).toEqual([`rtolab: ${scenario}: model.mediaAgents.cache.options.smallRatio: a number > 0 and < 1`]);
  });

  it("rtolab --version prints the package version", () => {
    expect(rtolab("--version").stdout.trim()).toBe("0.1.0");
  });

  it("rtolab schema | head -c 10: a reader that closes the pipe early ends rtolab quietly (exit 0, nothing on stderr)", async () => {
    // The schema is ~800 KB, far more than a pipe holds, so the write meets the closed pipe (EPIPE).
    const child = spawn(process.execPath, ["--import", "tsx", join(repo, "src/cli/main.ts"), "schema"], { cwd: repo, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    expect([status, stderr]).toEqual([0, ""]);
  }, 60_000);

  it("rtolab run --data-dir DIR lets a scenario read a trace outside its project, and says so on stderr", async () => {
    const base = mkdtempSync(join(tmpdir(), "rtolab-cli-datadir-"));
    const [project, data] = [join(base, "project"), join(base, "data")];
    mkdirSync(project);
    mkdirSync(data);
    writeFileSync(join(data, "boot1.csv"), readFileSync(join(repo, "traces/boot1.csv")));
    const scenario = join(project, "boot.yaml");
    writeFileSync(scenario, `version: 1\nname: ext\nmodel:\n  kind: vm-boot\n  trace: ${join(data, "boot1.csv")}\n  serviceReady: 5s\n  disk: { attach: local, storage: { device: ssd } }\n`);
    const [refused, allowed] = await Promise.all([rtolabAsync(repo, "run", scenario, "--out", join(base, "out1")), rtolabAsync(repo, "run", scenario, "--out", join(base, "out2"), "--data-dir", data)]);
    expect([refused.status, refused.stderr.trim()]).toEqual([
      2,
      `rtolab: ${scenario}: model.trace: a path inside ${project} (the scenario's project; allow another folder with --data-dir DIR or dataDir), not ${join(data, "boot1.csv")}`,
    ]);
    expect([allowed.status, allowed.stderr]).toEqual([0, `rtolab: --data-dir: scenario paths may also name files under ${data}\n`]);
    expect(readdirSync(base).sort()).toEqual(["data", "out2", "project"]);
  });
});
