import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { REPO, rtolabAsync } from "../../robustness/cli-child.ts";

const repo = fileURLToPath(new URL("../../..", import.meta.url));

function rtolab(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(repo, "src/cli/main.ts"), ...args], { cwd: repo, encoding: "utf8", env: { ...process.env, CI: "true" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("rtolab plan", { timeout: 60_000 }, () => {
  it("rtolab plan toy-restore --vary mediaAgents=1..4 --vary vsas=1..4 --budget tts.max<=25s finds 4 agents and 2 VSAs", () => {
    const out = join(mkdtempSync(join(tmpdir(), "rtolab-plan-")), "plan");
    const { status, stdout } = rtolab("plan", "scenarios/fleet/toy-restore.yaml", "--vary", "mediaAgents=1..4", "--vary", "vsas=1..4", "--budget", "tts.max<=25s", "--out", out, "--no-chart");
    expect(status).toBe(0);
    expect(stdout).toContain("smallest: mediaAgents=4, vsas=2 (cost 6)");
    expect(stdout).toMatch(/^\s+3\s+none ≤ 4$/m);
    expect(readFileSync(join(out, "frontier.csv"), "utf8").trim().split("\n")).toEqual(["mediaAgents,vsas,cost,binding", "1,,,", "2,,,", "3,,,", "4,2,6,MA storage 1.00"]);
    // Every configuration evaluated, with its binding resource (fleet/binding.ts): by hand, one agent
    // reading at 100 MB/s for 8 streams is saturated (MA storage 1.00); with one VSA's 2 slots the
    // tasks wait 15 s of their 25 s on average (waits 0, 0, 10, ..., 30 s; runs 10 s) while 4 agents
    // read at half their rate.
    expect(stdout).toMatch(/^\s+1\s+4\s+missed\s+1\.333 min \(≤1\.333 min\)\s+MA storage 1\.00(\s\s.*)?$/m);
    expect(stdout).toMatch(/^\s+4\s+1\s+missed\s+0\.6667 min \(≤0\.6667 min\)\s+VSA slots \(wait 0\.60\)(\s\s.*)?$/m);
    // The last column: the budget's metric at each evaluated next value, e.g. 2 VSAs after 1 at 4 agents (40 s to 20 s by hand).
    expect(stdout).toMatch(/^\s+4\s+1\s+missed.*vsas=2: -50%$/m);
    // plan.csv is tidy: a row per configuration × metric, columns by name.
    const [head, ...body] = readFileSync(join(out, "plan.csv"), "utf8").trim().split("\n").map((line) => (line.match(/("[^"]*"|[^,]*)(,|$)/g) ?? []).map((field) => field.replace(/,$/, "").replace(/^"|"$/g, "")));
    const at = (row: string[], name: string) => row[head.indexOf(name)];
    const of = (mediaAgents: string, vsas: string, metric: string) => body.find((r) => at(r, "mediaAgents") === mediaAgents && at(r, "vsas") === vsas && at(r, "metric") === metric) as string[];
    expect(at(of("4", "1", "tts.max"), "binding")).toBe("VSA slots (wait 0.60)");
    expect(at(of("1", "4", "tts.max"), "binding")).toBe("MA storage 1.00");
    expect(Number(at(of("4", "1", "restore.maReadUtilisation"), "mean"))).toBeCloseTo(0.5, 12);
    // The coarse model has no replay, so no model band: the band columns are there, empty.
    expect(["band_low", "band_high", "verdict_in_band"].map((name) => at(of("4", "1", "tts.max"), name))).toEqual(["", "", ""]);
  });

  // The shipped mass-restore scaled down to run in seconds: 30 VMs on 4-disk arrays load each disk as
  // 100 VMs on the shipped 12 do. The disks read busy only ~0.5 over the phase (every VM mounts for
  // 33 s first), so utilisation alone said "none"; the VMs' reads queued at the media agent say it.
  it("rtolab plan mass-restore (30 VMs, 4-disk arrays) names MA storage by its queue at 1 media agent, where a second cuts TTS p95 by over a fifth", () => {
    const out = join(mkdtempSync(join(tmpdir(), "rtolab-plan-")), "plan");
    const { status, stdout } = rtolab("plan", "scenarios/fleet/mass-restore.yaml", "--variant", "base", "--vary", "mediaAgents=1,2", "--vary", "vsas=4", "--budget", "tts.p95<=1.5min",
      "--set", "model.restore.vms=30", "--set", "model.restore.pipeline.mediaAgents.storage.underlying.members=4", "--replications", "2", "--workers", "0", "--out", out, "--no-chart");
    expect(status).toBe(0);
    const [head, ...body] = readFileSync(join(out, "plan.csv"), "utf8").trim().split("\n").map((line) => (line.match(/("[^"]*"|[^,]*)(,|$)/g) ?? []).map((field) => field.replace(/,$/, "").replace(/^"|"$/g, "")));
    const at = (row: string[], name: string) => row[head.indexOf(name)];
    const of = (mediaAgents: string, metric: string) => body.find((r) => at(r, "mediaAgents") === mediaAgents && at(r, "metric") === metric) as string[];
    // 1 agent: the reads queued 0.45 of the VMs' time (1.76 min TTS p95); 2 agents: 0.16, 1.36 min (measured).
    expect(at(of("1", "tts.p95"), "binding")).toMatch(/restore: MA storage \(queue 0\.[3-9]\d\)$/);
    expect(at(of("2", "tts.p95"), "binding")).toMatch(/restore: none \(MA storage 0\.\d\d, slot wait 0\.00, MA queue 0\.[01]\d\)$/);
    expect(Number(at(of("1", "restore.maDiskBusy"), "mean"))).toBeLessThan(0.8); // utilisation alone: not binding
    const tts = (mediaAgents: string) => Number(at(of(mediaAgents, "tts.p95"), "mean"));
    expect(tts("2")).toBeLessThan(0.8 * tts("1"));
    expect(stdout).toContain("smallest: mediaAgents=2, vsas=4 (cost 6)");
    // The planner's own neighbour says the same: a second agent cuts TTS p95 by over a fifth (23% measured).
    expect(stdout).toMatch(/^\s+1\s+4\s+missed.*MA storage \(queue 0\.\d\d\)\s+mediaAgents=2: -[2-9]\d%$/m);
  });

  it("rtolab plan --workers 2 and --workers 0 write the same plan.csv and frontier.csv, number for number", async () => {
    // Boot working sets drawn uniformly from 0.5–1.5 GB: replications differ, so the CIs are not
    // degenerate and any mix-up of replications between threads would change them.
    const toy = ["scenarios/fleet/toy-restore.yaml", "--vary", "mediaAgents=2..4", "--vary", "vsas=1..4", "--budget", "tts.max<=50s", "--replications", "3", "--no-chart"];
    const random = ["--set", "model.vms.bootWorkingSet={distribution: uniform, min: 0.5GB, max: 1.5GB}"];
    // The two plans run at once (independent children, each mostly start-up and one thread).
    const files = async (workers: string) => {
      const out = join(mkdtempSync(join(tmpdir(), "rtolab-plan-")), "plan");
      const { status, stdout } = await rtolabAsync(REPO, "plan", ...toy, ...random, "--workers", workers, "--out", out);
      expect(status).toBe(0);
      expect(stdout).toContain("smallest: mediaAgents=3, vsas=2 (cost 5)");
      return { plan: readFileSync(join(out, "plan.csv"), "utf8"), frontier: readFileSync(join(out, "frontier.csv"), "utf8") };
    };
    const [threads, inThread] = await Promise.all([files("2"), files("0")]);
    expect(threads).toEqual(inThread);
    expect(threads.frontier.trim().split("\n").map((line) => line.replace(/,[^,]*$/, ""))).toEqual(["mediaAgents,vsas,cost", "2,,", "3,2,5", "4,2,6"]);
    // plan.csv is tidy (#17): a row per configuration × metric, led by scenario and seed; the
    // budget's metric rows carry the numbers the wide file had.
    const [header, ...lines] = threads.plan.trim().split("\n");
    expect(header).toBe("scenario,seed,mediaAgents,vsas,meets,valid,binding,metric,unit,mean,ci95_low,ci95_high,band_low,band_high,budget,met,verdict_in_band");
    // A binding like "none (MA storage 0.78, slot wait 0.00)" is quoted: read it as one field.
    const rows = lines.map((line) => line.replace(/"[^"]*"/g, "binding").split(","));
    expect(new Set(rows.map((row) => row.slice(0, 2).join(",")))).toEqual(new Set(["fleet-toy-restore,1"]));
    const perConfiguration = new Map<string, number>();
    for (const row of rows) perConfiguration.set(`${row[2]},${row[3]}`, (perConfiguration.get(`${row[2]},${row[3]}`) ?? 0) + 1);
    expect(new Set(perConfiguration.values()).size).toBe(1); // every configuration has every metric
    const tts = rows.filter((row) => row[7] === "tts.max");
    // Budget and verdict; no model band on the coarse model (no replay), so no band verdict.
    expect(tts.every((row) => row[14] === "tts.max<=50s" && row[15] === row[4] && row.slice(12, 14).join(",") === "," && row[16] === "")).toBe(true);
    expect(tts.map((row) => [row[2], row[3], row[4], row[5], ...row.slice(8, 12)].join(","))).toEqual([
      "2,4,0,1,min,0.7993317557222221,0.7000601605693744,0.8986033508750699",
      "3,4,1,1,min,0.6311247278444444,0.5398262034352277,0.7224232522536611",
      "3,2,1,1,min,0.5608057808333333,0.456531644678939,0.6650799169877276",
      "3,1,0,1,min,0.7795474606666667,0.7019524128768473,0.8571425084564861",
      "4,2,1,1,min,0.44776423338888893,0.3520982131418313,0.5434302536359465",
      "4,1,0,1,min,0.7795474606666667,0.7019524128768473,0.8571425084564861",
    ]);
  });

  it("rtolab plan writes the frontier chart files, with whole-number ticks, and report.html with the frontier's values in their units", () => {
    const out = join(mkdtempSync(join(tmpdir(), "rtolab-plan-")), "plan");
    const { status, stdout } = rtolab("plan", "scenarios/fleet/toy-restore.yaml", "--vary", "mediaAgents=3..4", "--vary", "vsas=1..2", "--budget", "tts.max<=25s", "--out", out);
    expect(status).toBe(0);
    for (const file of ["charts/frontier.vl.json", "charts/frontier.svg", "charts/frontier.png", "charts/budget-1.svg", "charts/binding.svg", "report.html"]) expect(existsSync(join(out, file))).toBe(true);
    const frontier = JSON.parse(readFileSync(join(out, "charts/frontier.vl.json"), "utf8")) as { layer: Array<{ encoding: { x: { axis?: unknown }; y: { axis?: unknown }; color: { legend?: unknown } } }> };
    // The legend under the plot with its whole label ("smallest vsas meeting all budgets" was cut to "…all b…" on the right).
    expect(frontier.layer[1].encoding.color.legend).toEqual({ labelLimit: 0, symbolOpacity: 1, orient: "bottom", direction: "vertical" });
    expect(readFileSync(join(out, "charts/frontier.svg"), "utf8")).toContain(">smallest vsas meeting all budgets</text>");
    expect(frontier.layer[1].encoding.x.axis).toEqual({ format: "d", tickMinStep: 1 });
    expect(frontier.layer[1].encoding.y.axis).toEqual({ format: "d", tickMinStep: 1 });
    const report = readFileSync(join(out, "report.html"), "utf8");
    expect(report).toContain('<thead><tr><th>mediaAgents</th><th class="num">smallest vsas</th><th class="num">cost</th><th class="num">tts.max (min; budget &lt;= 25s)</th><th class="num">binding resource</th></tr></thead>');
    expect(report).toContain('<tr><th scope="row">4</th><td class="num">2</td><td class="num">6</td><td class="num">0.3333</td><td class="num">MA storage 1.00</td></tr>');
    expect(report).toContain("Smallest configuration: mediaAgents=4, vsas=2");
    expect(report).toContain("Binding resource: a throughput resource");
    const binding = JSON.parse(readFileSync(join(out, "charts/binding.vl.json"), "utf8")) as { data: { values: Array<{ x: number; y: number; binding: string }> } };
    expect(binding.data.values.map((v) => `${v.y},${v.x}: ${v.binding}`)).toContain("4,1: VSA slots");
    expect(stdout).toContain("0.3333 min (≤0.3333 min)"); // every budget cell carries its unit
  });

  // The refusals below are independent children started at once (it.concurrent, Promise.all).
  it.concurrent("rtolab plan with a malformed --vary or --budget exits 2 with one line naming the flag", async () => {
    const [vary, budget, field, workers] = await Promise.all([
      rtolabAsync(REPO, "plan", "scenarios/fleet/toy-restore.yaml", "--vary", "vsas=4..1", "--budget", "tts.max<=25s"),
      rtolabAsync(REPO, "plan", "scenarios/fleet/toy-restore.yaml", "--vary", "vsas=1..4", "--budget", "tts.max about 25s"),
      rtolabAsync(REPO, "plan", "scenarios/fleet/toy-restore.yaml", "--vary", "model.vsas.cpus=1..4", "--budget", "tts.max<=25s"),
      rtolabAsync(REPO, "plan", "scenarios/fleet/toy-restore.yaml", "--vary", "vsas=1..4", "--budget", "tts.max<=25s", "--workers", "1.5"),
    ]);
    expect(vary.status).toBe(2);
    expect(vary.stderr.trim()).toBe("rtolab: --vary: 4..1: a range a..b of integers with 1 <= a <= b <= 1000000");
    expect(budget.status).toBe(2);
    expect(budget.stderr.trim()).toBe('rtolab: --budget: tts.max about 25s: a budget metric[@variant] <op> limit, like "waitMean <= 5ms" or "tts.p95@instant<=90s" (op: <=, <, >=, >)');
    expect(field.status).toBe(2);
    expect(field.stderr.trim().split("\n")).toHaveLength(1);
    expect(field.stderr).toMatch(/^rtolab: --vary: model.vsas.cpus=1..4: fields of the scenario/);
    expect(workers.status).toBe(2);
    expect(workers.stderr.trim()).toBe("rtolab: --workers: 1.5: a whole number of worker threads, 0 to 1024");
  });

  it.concurrent("rtolab plan on a scenario with variants needs --variant (one frontier per plan): without it, or with an unknown name, exit 2 naming them", async () => {
    const names = "base, round-robin, least-streams, least-bytes, locality-first, power-of-two, bin-packing, grouping";
    const [none, unknown] = await Promise.all([
      rtolabAsync(REPO, "plan", "scenarios/fleet/mass-restore.yaml", "--vary", "vsas=1..4", "--budget", "tts.p95<=5min"),
      rtolabAsync(REPO, "plan", "scenarios/fleet/mass-restore.yaml", "--variant", "lru", "--vary", "vsas=1..4", "--budget", "tts.p95<=5min"),
    ]);
    expect([none.status, none.stderr.trim()]).toEqual([2, `rtolab: --variant: (none): the variant to plan: one of ${names} (the scenario declares 7 variants; a plan has one frontier)`]);
    expect([unknown.status, unknown.stderr.trim()]).toEqual([2, `rtolab: --variant: lru: the variant to plan: one of ${names} (the scenario declares 7 variants; a plan has one frontier)`]);
  });

  it.concurrent("rtolab plan --out <a user's folder or ''> exits 2 before the search (which would take a minute)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-plan-"));
    writeFileSync(join(dir, "thesis.tex"), "");
    const args = ["plan", "scenarios/fleet/mass-restore.yaml", "--vary", "mediaAgents=1..8", "--vary", "vsas=2..32", "--budget", "tts.p95<=5min", "--no-chart"];
    const [own, empty] = await Promise.all([rtolabAsync(REPO, ...args, "--out", dir), rtolabAsync(REPO, ...args, "--out", "")]);
    expect([own.status, own.stdout, own.stderr]).toEqual([2, "", `rtolab: ${dir}: an empty folder or a results folder rtolab wrote (it holds thesis.tex, but no .rtolab-results marker; choose another --out)\n`]);
    expect([empty.status, empty.stderr]).toEqual([2, "rtolab: --out: a folder path, not an empty string\n"]);
    expect(readdirSync(dir)).toEqual(["thesis.tex"]);
  });
});
