import { describe, expect, it } from "vitest";
import { isTraceService, relocationFields, relocationSection, restoreSchema } from "../../../../src/lab/kinds/restore/schema.ts";

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
  it("restoreSchema parses vms.service without `trace` as it always has: the synthetic defaults filled, in their order (scenarios and hashes unchanged)", () => {
    const service = (input: object) => restoreSchema.parse({ ...minimal, vms: { ...minimal.vms, service: input } }).vms.service;
    expect(JSON.stringify(service({}))).toBe(JSON.stringify({ requests: 10_000, meanGap: 63_230_000, writeShare: 0.59, hotSetBytes: 1.6 * 2 ** 30 }));
    expect(JSON.stringify(service({ requests: 20_000, meanGap: "5ms", writeShare: 0.8, hotSetBytes: "4GiB" }))).toBe(JSON.stringify({ requests: 20_000, meanGap: 5e6, writeShare: 0.8, hotSetBytes: 4 * 2 ** 30 }));
    expect(restoreSchema.parse(minimal).vms.service).toBeUndefined();
  });

  it("restoreSchema parses vms.service with `trace` as a trace window: from 0, to the end, every request, modulo, 2 threads unless given", () => {
    const service = (input: object) => restoreSchema.parse({ ...minimal, vms: { ...minimal.vms, service: input } }).vms.service;
    const parsed = service({ trace: "io.vscsi" });
    expect(parsed).toEqual({ trace: "io.vscsi", from: 0, mapping: "modulo", threads: 2 });
    expect(parsed !== undefined && isTraceService(parsed)).toBe(true);
    expect(service({ trace: "io.csv", from: "29min", duration: "1min", requests: 500, mapping: "scale", threads: 4, resume: "0us" })).toEqual({ trace: "io.csv", from: 29 * 60e9, duration: 60e9, requests: 500, mapping: "scale", threads: 4, resume: 0 });
  });

  it("restoreSchema refuses synthetic fields beside `trace`, and trace fields without it, naming the field", () => {
    const issue = (input: object) => restoreSchema.safeParse({ ...minimal, vms: { ...minimal.vms, service: input } }).error?.issues[0];
    expect(issue({ trace: "io.vscsi", meanGap: "5ms" })).toMatchObject({ path: ["vms", "service", "meanGap"], message: "only for the synthetic service phase (without `trace`); a trace brings its own gaps, writes and offsets" });
    expect(issue({ requests: 10, mapping: "scale" })).toMatchObject({ path: ["vms", "service", "mapping"], message: "only with `trace` (the trace-driven service phase)" });
    expect(issue({ trace: "io.vscsi", duration: "0s" })?.path).toEqual(["vms", "service", "duration"]);
    expect(issue({ trace: "io.vscsi", mapping: "wrap" })?.path).toEqual(["vms", "service", "mapping"]);
  });
});
