import { describe, expect, it } from "vitest";
import { relocationFields, relocationSection, restoreSchema } from "../../../../src/lab/kinds/restore/schema.ts";

const minimal = { kind: "restore", vms: { trace: "t.csv", serviceReady: "1s" } };

describe("restore schema", () => {
  it("restoreSchema fills each policy section's default policy; the cache has no options unless given (the parsed model is as before)", () => {
    const spec = restoreSchema.parse(minimal);
    expect(spec.mediaAgents.cache).toEqual({ policy: "lru", size: 20 * 2 ** 30, evictRelocatedFirst: true, hitLatency: 100_000 });
    expect(spec.mediaAgents.scheduler).toEqual({ policy: "strict-priority", options: {} });
    expect(spec.prefetch).toEqual({ policy: "none", options: {} });
    expect(spec.relocation).toEqual({ scheme: "sequential", options: {}, start: "never", streams: 4, rateLimit: 0, readClass: "relocation", prestageWindow: 0 });
  });

  it("restoreSchema takes cache options and checks every section's options against the named policy", () => {
    const spec = restoreSchema.parse({ ...minimal, mediaAgents: { cache: { policy: "s3fifo", options: { smallRatio: 0.2 } }, scheduler: { policy: "strict-priority", options: { maxWaitNs: "2s" } } } });
    expect([spec.mediaAgents.cache.options, spec.mediaAgents.scheduler.options]).toEqual([{ smallRatio: 0.2 }, { maxWaitNs: 2e9 }]);
    const issue = (input: object) => restoreSchema.safeParse({ ...minimal, ...input }).error?.issues[0];
    expect(issue({ prefetch: { policy: "profile", options: { leed: 16 } } })?.message).toBe('unknown option "leed" of prefetch policy profile; expected one of lead, minRuns');
    expect(issue({ mediaAgents: { cache: { policy: "s3fifo", options: { smallRatio: 0 } } } })?.path).toEqual(["mediaAgents", "cache", "options", "smallRatio"]);
    expect(issue({ mediaAgents: { scheduler: { policy: "fifo", options: { maxWaitNs: 1 } } } })?.message).toBe('unknown option "maxWaitNs" of scheduling policy fifo; it takes none');
    // relocation-aware is the copier's companion (prestageWindow), not a boot policy.
    expect(issue({ prefetch: { policy: "relocation-aware" } })?.path).toEqual(["prefetch", "policy"]);
  });

  it("relocationSection(fields) discriminates on `scheme` with the given shared fields", () => {
    const section = relocationSection({ streams: relocationFields.streams });
    expect(section.parse({ scheme: "hot-first", options: { extentBlocks: 8 } })).toEqual({ scheme: "hot-first", options: { extentBlocks: 8 }, streams: 4 });
    expect(section.safeParse({ start: "never" }).success).toBe(false);
  });
});
