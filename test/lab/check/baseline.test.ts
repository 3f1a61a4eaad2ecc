import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readBaseline, regresses } from "../../../src/lab/check/baseline.ts";

describe("baseline", () => {
  it("regresses(now, base, tolerance, direction) needs disjoint CIs and a change beyond the tolerance", () => {
    expect(regresses({ mean: 5, halfWidth: 0.1 }, { mean: 4, halfWidth: 0.1 }, 0.05, "up")).toBe(true);
    expect(regresses({ mean: 4.1, halfWidth: 0.2 }, { mean: 4, halfWidth: 0.1 }, 0.05, "up")).toBe(false);
    expect(regresses({ mean: 4.1, halfWidth: 0.01 }, { mean: 4, halfWidth: 0.01 }, 0.05, "up")).toBe(false);
    expect(regresses({ mean: 3, halfWidth: 0.1 }, { mean: 4, halfWidth: 0.1 }, 0.05, "up")).toBe(false);
    expect(regresses({ mean: 3, halfWidth: 0.1 }, { mean: 4, halfWidth: 0.1 }, 0.05, "either")).toBe(true);
    expect(regresses({ mean: 3, halfWidth: 0.1 }, { mean: 4, halfWidth: 0.1 }, 0.05, "down")).toBe(true);
    expect(regresses({ mean: 5, halfWidth: 0.1 }, { mean: 4, halfWidth: 0.1 }, 0.05, "down")).toBe(false);
  });

  it("regresses() boundaries are strict: a change of exactly h_new + h_base or tolerance·|base| passes", () => {
    // |5 − 4| = 1 = 0.5 + 0.5: CIs touch, no regression; 0.4 + 0.5 < 1: regression.
    expect(regresses({ mean: 5, halfWidth: 0.5 }, { mean: 4, halfWidth: 0.5 }, 0, "up")).toBe(false);
    expect(regresses({ mean: 5, halfWidth: 0.4 }, { mean: 4, halfWidth: 0.5 }, 0, "up")).toBe(true);
    // tolerance 0.25 of |−4| = 1: a move from −4 to −3 is not beyond it; to −2.9 is.
    expect(regresses({ mean: -3, halfWidth: 0 }, { mean: -4, halfWidth: 0 }, 0.25, "up")).toBe(false);
    expect(regresses({ mean: -2.9, halfWidth: 0 }, { mean: -4, halfWidth: 0 }, 0.25, "up")).toBe(true);
    // A zero baseline: any certain move beyond the CIs.
    expect(regresses({ mean: 1e-9, halfWidth: 0 }, { mean: 0, halfWidth: 0 }, 0.05, "either")).toBe(true);
  });

  it("readBaseline(path) reads version 1 and rejects other files with one line", () => {
    const dir = mkdtempSync(join(tmpdir(), "rtolab-baseline-"));
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify({ version: 1, scenarios: { mm1: { hash: "h", seed: 1, variants: { base: { waitMean: { unit: "ms", mean: 4, halfWidth: 0.1, n: 10 } } } } } }));
    expect(readBaseline(good).scenarios.mm1.variants.base.waitMean).toEqual({ unit: "ms", mean: 4, halfWidth: 0.1, n: 10 });
    const old = join(dir, "old.json");
    writeFileSync(old, JSON.stringify({ version: 0, scenarios: {} }));
    expect(() => readBaseline(old)).toThrow(`${old}: a baseline written by rtolab check --update-baseline (version 1)`);
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{");
    expect(() => readBaseline(broken)).toThrow(/a baseline written by rtolab check/);
    expect(() => readBaseline(join(dir, "missing.json"))).toThrow(/an existing baseline file \(write one with --update-baseline\)/);
  });
});
