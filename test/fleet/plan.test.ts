import { describe, expect, it } from "vitest";
import { bandVerdict, meetsBudget, parsePlanBudget, parseVary, planCapacity, rangeValues, type MetricBounds } from "../../src/fleet/plan.ts";
import { FLEET_PLAN_FIELDS } from "../../src/fleet/spec.ts";

describe("plan", () => {
  it("rangeValues(a..b) lists integers; a long outer range steps geometrically; lists are sorted", () => {
    expect(rangeValues("2..5", false)).toEqual([2, 3, 4, 5]);
    expect(rangeValues("1..1000", true)).toEqual([1, 2, 3, 5, 8, 11, 17, 26, 39, 58, 87, 131, 197, 296, 444, 666, 1000]);
    expect(rangeValues("8,2,4", false)).toEqual([2, 4, 8]);
    expect(() => rangeValues("5..2", false)).toThrow("--vary: 5..2: a range a..b");
  });

  it("parseVary() maps fleet names to fields and accepts full paths", () => {
    expect(parseVary("vsas=2..4", FLEET_PLAN_FIELDS, true)).toEqual({ name: "vsas", field: "model.vsas.count", values: [2, 3, 4] });
    expect(parseVary("model.restore.vms=10,20", FLEET_PLAN_FIELDS, true).field).toBe("model.restore.vms");
    expect(() => parseVary("proxies=2..4", FLEET_PLAN_FIELDS, true)).toThrow(/--vary: proxies=2..4: a name of mediaAgents, vsas/);
    expect(() => parseVary("vsas", FLEET_PLAN_FIELDS, true)).toThrow(/--vary: vsas: name=range/);
  });

  it("parsePlanBudget() reads the shared grammar, names the flag on errors, and refuses a variant", () => {
    expect(parsePlanBudget("tts.p95<=5min")).toEqual({ text: "tts.p95<=5min", metric: "tts.p95", operator: "<=", limit: "5min" });
    expect(() => parsePlanBudget("tts.p95 about 5min")).toThrow(/^--budget: tts.p95 about 5min: a budget metric\[@variant\] <op> limit/);
    expect(() => parsePlanBudget("tts.p95@fast<=5min")).toThrow("--budget: tts.p95@fast<=5min: a budget without @variant");
    expect(() => meetsBudget(parsePlanBudget("tts.p95<=fast"), { unit: "min", mean: 1, low: 1, high: 1 })).toThrow(/--budget: tts.p95<=fast: a limit in min/);
  });

  it("meetsBudget() uses the upper 95% bound for <= and the lower for >=", () => {
    const bounds: MetricBounds = { unit: "min", mean: 4, low: 3, high: 5.5 };
    expect(meetsBudget(parsePlanBudget("tts.p95<=5min"), bounds)).toBe(false);
    expect(meetsBudget(parsePlanBudget("tts.p95<=6min"), bounds)).toBe(true);
    expect(meetsBudget(parsePlanBudget("tts.p95>=3min"), bounds)).toBe(true);
  });

  it("bandVerdict() says whether the verdict flips when the CI bound moves to either end of the model band", () => {
    // Upper bound 4.2 min; the band's ends move it by -0.5 and +1.1 (to 3.7 and 5.3): 5 min flips, 6 min holds.
    const bounds: MetricBounds = { unit: "min", mean: 4, low: 3.8, high: 4.2, bandLow: 3.5, bandHigh: 5.1 };
    expect(bandVerdict(parsePlanBudget("tts.p95<=5min"), bounds)).toBe("flips");
    expect(bandVerdict(parsePlanBudget("tts.p95<=6min"), bounds)).toBe("holds");
    // A lower limit is judged on the lower bound 3.8, moved to 3.3 and 4.9: >= 4 min flips, >= 3 min holds.
    expect(bandVerdict(parsePlanBudget("tts.p95>=4min"), bounds)).toBe("flips");
    expect(bandVerdict(parsePlanBudget("tts.p95>=3min"), bounds)).toBe("holds");
    // Failing at both ends holds too (the verdict does not rest on the guess).
    expect(bandVerdict(parsePlanBudget("tts.p95<=3min"), bounds)).toBe("holds");
    expect(bandVerdict(parsePlanBudget("tts.p95<=5min"), { unit: "min", mean: 4, low: 3.8, high: 4.2 })).toBeUndefined();
  });

  // A closed form: TTS = 120/m + 60/v minutes, met when ≤ 50 → v ≥ 60/(50 − 120/m).
  const closedForm = (a: Readonly<Record<string, number>>) => {
    const tts = 120 / a.mediaAgents + 60 / a.vsas;
    return new Map([["tts.p95", { unit: "min", mean: tts, low: tts - 1, high: tts + 1 }]]);
  };
  const varies = [parseVary("mediaAgents=1..5", FLEET_PLAN_FIELDS, false), parseVary("vsas=1..32", FLEET_PLAN_FIELDS, true)];

  it("planCapacity() binary-searches VSAs per media-agent count and picks the least cost", async () => {
    const calls: string[] = [];
    const evaluate = (a: Readonly<Record<string, number>>) => {
      calls.push(`${a.mediaAgents}/${a.vsas}`);
      return closedForm(a);
    };
    const plan = await planCapacity(varies, [parsePlanBudget("tts.p95<=50min")], evaluate);
    // high = tts + 1 ≤ 50: m=3 → 40 + 60/v ≤ 49 → v ≥ 7; m=4 → v ≥ 4 (30 + 15 + 1); m=5 → v ≥ 3 (24 + 20 + 1).
    expect(plan.frontier.map((p) => p.smallest)).toEqual([undefined, undefined, 7, 4, 3]);
    expect(plan.best?.outer).toEqual({ mediaAgents: 4 });
    expect(plan.best?.cost).toBe(8);
    expect(new Set(calls).size).toBe(calls.length);
    expect(calls).toEqual(["1/32", "2/32", "3/32", "3/16", "3/8", "3/4", "3/6", "3/7", "4/7", "4/4", "4/2", "4/3", "5/4", "5/2", "5/3"]);
    await expect(planCapacity(varies, [parsePlanBudget("ttr.p95<=5min")], evaluate)).rejects.toThrow(/--budget: ttr.p95<=5min: a metric the scenario reports: tts.p95/);
  });

  it("planCapacity() with an async evaluate makes the same evaluations in the same order, one at a time", async () => {
    const sync = await planCapacity(varies, [parsePlanBudget("tts.p95<=50min")], closedForm);
    const calls: string[] = [];
    let running = 0;
    // Later configurations answer sooner: evaluations run concurrently would finish out of order.
    const evaluate = async (a: Readonly<Record<string, number>>) => {
      calls.push(`${a.mediaAgents}/${a.vsas}`);
      expect(++running).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 6 - a.mediaAgents));
      running--;
      return closedForm(a);
    };
    const plan = await planCapacity(varies, [parsePlanBudget("tts.p95<=50min")], evaluate);
    expect(plan.evaluations).toEqual(sync.evaluations);
    expect(calls).toEqual(sync.evaluations.map((e) => `${e.assignment.mediaAgents}/${e.assignment.vsas}`));
    expect(plan.frontier).toEqual(sync.frontier);
    expect(plan.best).toEqual(sync.best);
  });

  it("planCapacity() tells upcoming what the search would evaluate next if every open configuration met, and evaluates the same", async () => {
    const sync = await planCapacity(varies, [parsePlanBudget("tts.p95<=50min")], closedForm);
    const told: string[][] = [];
    const calls: string[] = [];
    const evaluate = (a: Readonly<Record<string, number>>) => {
      calls.push(`${a.mediaAgents}/${a.vsas}`);
      return closedForm(a);
    };
    const plan = await planCapacity(varies, [parsePlanBudget("tts.p95<=50min")], evaluate, { upcoming: (next) => told.push(next.map((a) => `${a.mediaAgents}/${a.vsas}`)), lookahead: 3 });
    expect(plan).toEqual(sync);
    expect(calls).toEqual(sync.evaluations.map((e) => `${e.assignment.mediaAgents}/${e.assignment.vsas}`));
    expect(told).toHaveLength(calls.length);
    // 1/32 fails → 2/32; had it met, 1/16 then 1/8 then 1/4. 3/16 met → 3/8 (told), it met → 3/4 (told).
    expect(told[0]).toEqual(["1/16", "1/8", "1/4"]);
    expect(told[3]).toEqual(["3/8", "3/4", "3/2"]);
    expect(told[4]).toEqual(["3/4", "3/2", "3/1"]);
    // After 5/3, the last evaluation, nothing is left to tell.
    expect(told[told.length - 1]).toEqual([]);
  });
});
