import { describe, expect, it } from "vitest";
import {
  DepKind, inferReplayPlan, loaderPhaseEnd, milestoneAfterCompletion, openLoopPlan, planMilestone, REPLAY_DEFAULTS, resumeCostUs, resumedThinkUs, resumeOf, traceTimes,
} from "../../../src/workloads/replay/plan.ts";
import { predictMilestone, predictReplay } from "../../../src/workloads/replay/predict.ts";
import { readRtolabCsv } from "../../../src/workloads/traces/rtolab-csv.ts";
import type { BlockOp, TraceRequest } from "../../../src/workloads/traces/types.ts";
import { tracePath } from "../fixtures.ts";

const req = (timeUs: number, latencyUs: number, op: BlockOp = "R"): TraceRequest => ({ timeUs, op, offset: 0, length: 4096, latencyUs });
const load = (name: string): TraceRequest[] => [...readRtolabCsv(tracePath(`${name}.csv`))];
const noLoader = { loaderPhase: false };

describe("inferReplayPlan", () => {
  it("inferReplayPlan(requests) with 2 threads (the default) waits for the second-latest completion when nothing is outstanding", () => {
    const plan = inferReplayPlan([req(0, 10), req(100, 10), req(1000, 10), req(2000, 10)], noLoader);
    expect([[...plan.dep], [...plan.thinkUs], [...plan.kind]]).toEqual([
      [-1, 0, 0, 1], [0, 90, 990, 1890], [DepKind.Start, DepKind.Latest, DepKind.Earlier, DepKind.Earlier],
    ]);
    expect([[...plan.childStart], [...plan.children]]).toEqual([[0, 2, 3, 3, 3], [1, 2, 3]]);
  });

  it("inferReplayPlan(requests) waits for the latest completion when another thread's read is outstanding (k = threads − outstanding)", () => {
    // Request 3 is issued while request 2 (5 ms) is outstanding: one thread blocked, so it waits for the latest (1).
    const plan = inferReplayPlan([req(0, 10), req(100, 10), req(200, 5000), req(1000, 10)], noLoader);
    expect([plan.dep[3], plan.thinkUs[3], plan.kind[3]]).toEqual([1, 890, DepKind.Latest]);
    expect([...inferReplayPlan([req(0, 10), req(100, 10), req(200, 5000), req(1000, 10)], { ...noLoader, threads: 3 }).dep]).toEqual([-1, 0, 0, 0]);
  });

  it("inferReplayPlan(requests) with threads 1 is the chain of reads: every request waits for the latest completion", () => {
    const plan = inferReplayPlan([req(0, 10), req(100, 10), req(1000, 10)], { ...noLoader, threads: 1 });
    expect([[...plan.dep], [...plan.thinkUs]]).toEqual([[-1, 0, 1], [0, 90, 890]]);
  });

  it("inferReplayPlan(requests): a flush waits for the writes since the flush before it (rule 2), unless flushWaitsForWrites is false", () => {
    // read 0; writes 1 (ends 1600) and 2 (ends 1300); flush 3 at 2000 waits for write 1; read 4 (k = 1) waits for the flush.
    const trace = [req(0, 10), req(1100, 500, "W"), req(1200, 100, "W"), req(2000, 300, "F"), req(2400, 10)];
    const plan = inferReplayPlan(trace, { ...noLoader, threads: 1 });
    expect([[...plan.dep], [...plan.thinkUs], plan.kind[3]]).toEqual([[-1, 0, 0, 1, 3], [0, 1090, 1190, 400, 100], DepKind.Flush]);
    expect(plan.origin).toBe("prior model (threads 1, resume 531 µs)");
    const off = inferReplayPlan(trace, { ...noLoader, threads: 1, flushWaitsForWrites: false });
    expect([[...off.dep], off.kind[3], off.origin]).toEqual([[-1, 0, 0, 0, 3], DepKind.Latest, "prior model (threads 1, flushes do not wait for writes, resume 531 µs)"]);
    // Each write slowed to 5 ms: write 1 ends at 6100; the flush and the read after it follow it.
    const slowed = predictReplay(plan, (r, i) => (r.op === "W" ? 5000 : trace[i].latencyUs ?? 0));
    expect([slowed.issueUs[3], slowed.issueUs[4]]).toEqual([6765, 7165]); // 6100 + 400 − 266 + 531 (rule 5); + 300 + 100
  });

  it("inferReplayPlan(requests) does not wait for writes unless asyncWrites is false", () => {
    const trace = [req(0, 10), req(1000, 500, "W"), req(2000, 10)];
    expect([...inferReplayPlan(trace, { ...noLoader, threads: 1 }).dep]).toEqual([-1, 0, 0]);
    expect([...inferReplayPlan(trace, { ...noLoader, threads: 1, asyncWrites: false }).dep]).toEqual([-1, 0, 1]);
  });

  it("inferReplayPlan(g2boot1) chains the 2,835 requests of the boot-loader phase, the kernel's 9.99 s start included", () => {
    const plan = inferReplayPlan(load("g2boot1"));
    expect(plan.origin).toBe("prior model (threads 2, loader phase 2835 requests, resume 531 µs)");
    expect([plan.kind[2833], plan.kind[2834], plan.kind[2835]]).toEqual([DepKind.Loader, DepKind.Loader, DepKind.Earlier]);
    expect([plan.dep[2834], Math.round(plan.thinkUs[2834] / 1000)]).toEqual([2833, 9986]);
    const kinds = [0, 0, 0, 0, 0, 0];
    for (const k of plan.kind) kinds[k]++;
    expect(kinds).toEqual([1, 9, 1691, 0, 2834, 29]);
  });

  it("inferReplayPlan(boot1) classifies 1 start, 3 latest, 1730 earlier, 2 loader requests and 31 flushes waiting for writes; every dependency is earlier", () => {
    const plan = inferReplayPlan(load("boot1"));
    const kinds = [0, 0, 0, 0, 0, 0];
    for (const k of plan.kind) kinds[k]++;
    expect(kinds).toEqual([1, 3, 1730, 0, 2, 31]);
    expect(REPLAY_DEFAULTS).toEqual({ threads: 2, asyncWrites: true, flushWaitsForWrites: true, loaderPhase: true, resumeUs: 531, resumeFullAfterUs: 1000, serialRunUs: 1_000_000 });
    for (let i = 0; i < plan.count; i++) expect(plan.dep[i]).toBeLessThan(i);
  });

  it("inferReplayPlan(k2boot_d20ms): rule 6 moves 151 of its 152 serial-run members from rule 3's second-latest completion to the latest (the other is a flush: it waits for its writes, rule 2); serialRunUs 0: rule 3 alone", () => {
    const requests = load("k2boot_d20ms");
    const withRule = inferReplayPlan(requests);
    const without = inferReplayPlan(requests, { serialRunUs: 0 });
    const moved = [...withRule.dep.keys()].filter((j) => withRule.dep[j] !== without.dep[j]);
    expect([moved.length, moved.every((j) => withRule.kind[j] === DepKind.Latest && without.kind[j] === DepKind.Earlier)]).toEqual([151, true]);
    expect(without.origin).not.toContain("serial runs");
  });

  it("inferReplayPlan(unsorted) throws a RangeError; threads must be a whole number ≥ 1", () => {
    expect(() => inferReplayPlan([req(10, 1), req(5, 1)])).toThrow("replay requests must be sorted by timeUs (request 1 goes back in time)");
    expect(() => inferReplayPlan([req(0, 1)], { threads: 0 })).toThrow("threads must be a whole number ≥ 1 (got 0)");
  });
});

describe("loaderPhaseEnd", () => {
  it("loaderPhaseEnd finds the longest I/O-free gap of the leading serial reads: GRUB 2834, kernel-direct 2, delayed boots alike", () => {
    const end = (name: string): number => {
      const r = load(name);
      return loaderPhaseEnd(r, traceTimes(r));
    };
    expect(["g2boot1", "g2boot_d2ms", "gboot1", "k2boot1", "k2boot_d20ms", "boot1"].map(end)).toEqual([2834, 2834, 2834, 2, 2, 2]);
  });

  it("loaderPhaseEnd is -1 when the trace starts with a write or an overlap", () => {
    const r1 = [req(0, 10, "W"), req(1000, 10)];
    const r2 = [req(0, 500), req(100, 10), req(5000, 10)];
    expect([loaderPhaseEnd(r1, traceTimes(r1)), loaderPhaseEnd(r2, traceTimes(r2))]).toEqual([-1, -1]);
  });
});

describe("openLoopPlan", () => {
  it("openLoopPlan(requests) issues every request at its trace time", () => {
    const plan = openLoopPlan([req(100, 1), req(170, 1, "W")]);
    expect([[...plan.dep], [...plan.thinkUs], [...plan.notBeforeUs], plan.children.length]).toEqual([[-1, -1], [0, 70], [0, 70], 0]);
    expect(planMilestone(plan, 50)).toEqual({ dep: -1, thinkUs: 50, notBeforeUs: 50 });
  });
});

describe("planMilestone", () => {
  it("planMilestone(plan, serviceReady) of boot1 waits for the second-latest read, request 1478, 53.9 ms before", () => {
    const plan = inferReplayPlan(load("boot1"));
    expect(planMilestone(plan, 28352530)).toEqual({ dep: 1478, thinkUs: 53926, notBeforeUs: 0 });
  });

  it("milestoneAfterCompletion(boot1, ready, latest) waits for request 1479, the last read before service ready, 52.8 ms before", () => {
    expect(milestoneAfterCompletion(inferReplayPlan(load("boot1")), 28352530, true, 1, () => 1)).toEqual({ dep: 1479, thinkUs: 52768, notBeforeUs: 0 });
  });

  it("planMilestone(plan, t) before any completion is an offset from the start", () => {
    expect(planMilestone(inferReplayPlan([req(0, 100)]), 50)).toEqual({ dep: -1, thinkUs: 50, notBeforeUs: 0 });
  });
});

describe("rule 5: resume cost", () => {
  it("resumeCostUs ramps to the full cost at fullAfterUs, in whole µs: 0, 13, 531, 531 µs after 0, 24, 1000, 20000 µs", () => {
    const resume = { costUs: 531, fullAfterUs: 1000 };
    expect([0, 24, 1000, 20_000].map((w) => resumeCostUs(resume, w))).toEqual([0, 13, 531, 531]);
  });

  it("resumedThinkUs keeps the recorded think at the recorded wait, adds the cost difference at a longer one, never goes below 0", () => {
    // A serial pair: request 1 waited 24 µs for request 0, then thought 100 µs.
    const plan = inferReplayPlan([req(0, 24), req(124, 10)], noLoader);
    expect(plan.dep[1]).toBe(0);
    expect(plan.thinkUs[1]).toBe(100);
    expect(resumedThinkUs(plan, 0, 100, 24)).toBe(100);
    expect(resumedThinkUs(plan, 0, 100, 5024)).toBe(100 - 13 + 531);
    expect(resumedThinkUs(plan, 0, 5, 0)).toBe(0);
    expect(resumedThinkUs(inferReplayPlan([req(0, 24), req(124, 10)], { ...noLoader, resumeUs: 0 }), 0, 100, 5024)).toBe(100);
  });

  it("inferReplayPlan(boot1, { resumeUs: 0 }) is the model without rule 5: +5 ms predicts 31.94 s, 358 ms earlier than with it", () => {
    const requests = load("boot1");
    const slow = (r: TraceRequest): number => (r.latencyUs ?? 0) + 5000;
    const at = (options: { resumeUs?: number }): number => {
      const plan = inferReplayPlan(requests, options);
      return predictMilestone(planMilestone(plan, 28352530), predictReplay(plan, slow));
    };
    expect([at({ resumeUs: 0 }), at({})]).toEqual([31942530, 32300342]);
  });

  it("resumeOf checks its options: a negative cost or a zero ramp is a RangeError", () => {
    expect(resumeOf({})).toEqual({ costUs: 531, fullAfterUs: 1000 });
    expect(() => resumeOf({ resumeUs: -1 })).toThrow(RangeError);
    expect(() => resumeOf({ resumeFullAfterUs: 0 })).toThrow(RangeError);
  });
});
