import { describe, expect, it } from "vitest";
import { neighbourChanges } from "../../src/fleet/sensitivity.ts";

const bounds = (mean: number) => ({ unit: "min", mean, low: mean, high: mean });
const varies = [
  { name: "mediaAgents", field: "model.mediaAgents.count", values: [1, 2, 4] },
  { name: "vsas", field: "model.vsas.count", values: [2, 8, 16] },
];
// TTS p95 by hand: 2 min at 1 agent / 16 VSAs, 1.5 at 2, 1.35 at 4; 3 min at 1 agent / 8 VSAs.
const plan = {
  varies,
  evaluations: [
    { assignment: { mediaAgents: 1, vsas: 16 }, metrics: new Map([["tts.p95", bounds(2)]]) },
    { assignment: { mediaAgents: 2, vsas: 16 }, metrics: new Map([["tts.p95", bounds(1.5)]]) },
    { assignment: { mediaAgents: 4, vsas: 16 }, metrics: new Map([["tts.p95", bounds(1.35)]]) },
    { assignment: { mediaAgents: 1, vsas: 8 }, metrics: new Map([["tts.p95", bounds(3)]]) },
    { assignment: { mediaAgents: 2, vsas: 8 }, metrics: undefined }, // refused by the model
  ],
};

describe("neighbourChanges", () => {
  it("neighbourChanges() gives the metric's relative change at each dimension's next value: (1.5 − 2) / 2 = −0.25 for a second agent", () => {
    expect(neighbourChanges(plan, { mediaAgents: 1, vsas: 16 }, "tts.p95")).toEqual([{ name: "mediaAgents", value: 2, change: -0.25 }]);
    expect(neighbourChanges(plan, { mediaAgents: 2, vsas: 16 }, "tts.p95")[0].change).toBeCloseTo(-0.1, 12); // the next value of a list, 4
    // 8 -> 16 VSAs at 1 agent: (2 − 3) / 3; the refused 2-agent neighbour gives nothing.
    expect(neighbourChanges(plan, { mediaAgents: 1, vsas: 8 }, "tts.p95")).toEqual([{ name: "vsas", value: 16, change: (2 - 3) / 3 }]);
  });

  it("neighbourChanges() is empty at the last values, for an unevaluated configuration or metric, and for a mean of 0", () => {
    expect(neighbourChanges(plan, { mediaAgents: 4, vsas: 16 }, "tts.p95")).toEqual([]);
    expect(neighbourChanges(plan, { mediaAgents: 4, vsas: 2 }, "tts.p95")).toEqual([]);
    expect(neighbourChanges(plan, { mediaAgents: 1, vsas: 16 }, "backupWindow")).toEqual([]);
    const zero = { varies, evaluations: [{ assignment: { mediaAgents: 1, vsas: 16 }, metrics: new Map([["x", bounds(0)]]) }, { assignment: { mediaAgents: 2, vsas: 16 }, metrics: new Map([["x", bounds(1)]]) }] };
    expect(neighbourChanges(zero, { mediaAgents: 1, vsas: 16 }, "x")).toEqual([]);
  });
});
