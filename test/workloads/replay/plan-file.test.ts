import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { calibrateReplayPlan } from "../../../src/workloads/replay/calibrate.ts";
import { loadPlanFile, planFileText, traceHash } from "../../../src/workloads/replay/plan-file.ts";
import { inferReplayPlan } from "../../../src/workloads/replay/plan.ts";
import { readRtolabCsv } from "../../../src/workloads/traces/rtolab-csv.ts";
import type { TraceRequest } from "../../../src/workloads/traces/types.ts";
import { tracePath } from "../fixtures.ts";

const load = (name: string): TraceRequest[] => [...readRtolabCsv(tracePath(`${name}.csv`))];
const tmp = (name: string, text: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), "rtolab-plan-")), name);
  writeFileSync(path, text);
  return path;
};

describe("traceHash", () => {
  it("traceHash is FNV-1a over the requests' fields", () => {
    expect(traceHash([{ timeUs: 0, op: "R", offset: 0, length: 512, latencyUs: 10 }])).toBe("92a993af");
    expect(traceHash(load("k2boot1"))).not.toBe(traceHash(load("k2boot_d20ms")));
  });
});

describe("planFileText / loadPlanFile", () => {
  it("a calibrated plan round-trips through its file, rule for rule", () => {
    const base = load("k2boot1");
    const { plan } = calibrateReplayPlan(base, load("k2boot_d20ms"));
    const path = tmp("k2.plan.json", planFileText(plan, base, { threads: 2 }, { delayed: "k2boot_d20ms.csv" }));
    const loaded = loadPlanFile(path, base, "model.replayPlan");
    expect([[...loaded.dep], [...loaded.thinkUs], [...loaded.notBeforeUs], [...loaded.kind]]).toEqual([[...plan.dep], [...plan.thinkUs], [...plan.notBeforeUs], [...plan.kind]]);
    expect(loaded.milestoneRule(loaded, 18864750)).toEqual(plan.milestoneRule(plan, 18864750));
    expect(JSON.parse(readFileSync(path, "utf8")).about).toEqual({ delayed: "k2boot_d20ms.csv" });
    // The resume cost the calibration measured (911 µs, not the shipped default) travels with the plan.
    expect([plan.resume, loaded.resume]).toEqual([{ costUs: 911, fullAfterUs: 1000 }, { costUs: 911, fullAfterUs: 1000 }]);
  });

  it("a plan file written before rule 5 (no resume options) loads with the default resume cost; a negative one is refused", () => {
    const base = load("k2boot1");
    const parsed = JSON.parse(planFileText(calibrateReplayPlan(base, load("k2boot_d20ms")).plan, base, {}, {}));
    delete parsed.options.resumeUs;
    delete parsed.options.resumeFullAfterUs;
    expect(loadPlanFile(tmp("old.json", JSON.stringify(parsed)), base, "model.replayPlan").resume).toEqual({ costUs: 531, fullAfterUs: 1000 });
    parsed.options.resumeUs = -5;
    const negative = tmp("neg.json", JSON.stringify(parsed));
    expect(() => loadPlanFile(negative, base, "model.replayPlan")).toThrow(`${negative}: model.replayPlan: options: resumeUs must be a finite number ≥ 0 (got -5)`);
  });

  it("a plan file written when rule 3's count was named vcpus loads with that many threads: vcpus 1 gives the 1-thread milestone rule", () => {
    const base = load("k2boot1");
    const parsed = JSON.parse(planFileText(calibrateReplayPlan(base, load("k2boot_d20ms")).plan, base, {}, {}));
    delete parsed.options.threads;
    parsed.options.vcpus = 1;
    const old = loadPlanFile(tmp("v1.json", JSON.stringify(parsed)), base, "model.replayPlan");
    const one = inferReplayPlan(base, { threads: 1 });
    const two = inferReplayPlan(base);
    expect(old.milestoneRule(old, 18864750)).toEqual(one.milestoneRule(one, 18864750));
    expect(one.milestoneRule(one, 18864750)).not.toEqual(two.milestoneRule(two, 18864750));
  });

  it("loadPlanFile refuses another trace's plan, a damaged file and a forward dependency with one line", () => {
    const base = load("k2boot1");
    const text = planFileText(calibrateReplayPlan(base, load("k2boot_d20ms")).plan, base, {}, {});
    const path = tmp("p.json", text);
    expect(() => loadPlanFile(path, load("boot1"), "model.replayPlan")).toThrow(`${path}: model.replayPlan: a plan made for this trace (1767 requests, hash ${traceHash(load("boot1"))}); it was made for 1715 requests, hash ${traceHash(base)}`);
    const bad = tmp("bad.json", "{ not json");
    expect(() => loadPlanFile(bad, base, "model.replayPlan")).toThrow(/^.*bad\.json: model\.replayPlan: a replay plan file written by `rtolab replay calibrate`/);
    const parsed = JSON.parse(text);
    parsed.dep[5] = 9;
    const forward = tmp("f.json", JSON.stringify(parsed));
    expect(() => loadPlanFile(forward, base, "model.replayPlan")).toThrow(`${forward}: model.replayPlan: dep[5]: -1 or an earlier request index (got 9)`);
  });
});
