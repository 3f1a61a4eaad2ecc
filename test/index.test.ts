import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as rtolab from "../src/index.ts";

describe("rtolab (library entry)", () => {
  it("loadScenario() and runScenario() from the entry point run a validation scenario", () => {
    const path = fileURLToPath(new URL("../scenarios/validation/md1.yaml", import.meta.url));
    const loaded = rtolab.loadScenario(path, { sets: ["replications=2", "model.customers=20000", "model.warmupCustomers=1000"] });
    const result = rtolab.runScenario(loaded, { seed: 3 });
    const wait = result.variants[0].metrics.find((m) => m.name === "waitMean");
    expect(wait?.analytic).toBeCloseTo(2, 10);
    expect(Math.abs((wait?.mean ?? 0) - 2) / 2).toBeLessThan(0.1);
  });

  it("the entry point exposes every policy family's registry", () => {
    expect(rtolab.cachePolicies.names()).toEqual(["fifo", "lru", "clock", "sieve", "lfu", "belady", "arc", "2q", "lirs", "s3fifo"]);
    expect(rtolab.prefetchPolicies.names()).toContain("profile");
    expect(rtolab.schedulingPolicies.names()).toEqual(["fifo", "strict-priority", "weighted-fair", "mclock", "token-bucket"]);
    expect(rtolab.relocationSchemes.names()).toEqual(["sequential", "allocated-extents", "hot-first", "copy-on-read"]);
    expect(rtolab.balancingPolicies.names().length).toBe(6);
    expect(rtolab.modelKinds.map((kind) => kind.kind)).toEqual(expect.arrayContaining(["queue-station", "vm-boot", "restore", "fleet"]));
  });
});
