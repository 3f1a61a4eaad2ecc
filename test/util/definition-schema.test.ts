import { z } from "zod";
import { describe, expect, it } from "vitest";
import { hddDefinition } from "../../src/models/devices/hdd.ts";
import { ssdDefinition } from "../../src/models/devices/ssd.ts";
import { linkDefinition } from "../../src/models/network/network.ts";
import { definition as strictPriorityDefinition } from "../../src/policies/scheduling/strict-priority.ts";
import { s3fifoDefinition } from "../../src/policies/cache/algorithms/s3fifo.ts";
import { durationText, modelFields, numericField, numericFields, optionalNumericFields, optionsSchema, parameterField } from "../../src/util/definition-schema.ts";

describe("definition-schema", () => {
  it("durationText(ns) writes the largest unit that reads back exactly", () => {
    expect([durationText(1_700_000), durationText(80_000), durationText(0), durationText(1)]).toEqual(["1.7ms", "80us", "0s", "1ns"]);
  });

  it("parameterField() reads scenario units for models and internal units (or a unit string) for policy options", () => {
    expect(parameterField(ssdDefinition, "readLatency").parse("0.001s")).toBe(1e6);
    expect(parameterField(ssdDefinition, "readLatency").safeParse(0.001).error?.issues[0].message).toBe("expected a duration with a unit (e.g. 1.25ms)");
    expect(parameterField(strictPriorityDefinition, "maxWaitNs", { numbers: "internal" }).parse(2e9)).toBe(2e9);
    expect(parameterField(strictPriorityDefinition, "maxWaitNs", { numbers: "internal" }).parse("2s")).toBe(2e9);
    expect(parameterField(strictPriorityDefinition, "maxWaitNs", { numbers: "internal" }).safeParse(-1).success).toBe(false);
    expect(parameterField(s3fifoDefinition, "smallRatio", { numbers: "internal" }).safeParse(0).success).toBe(false);
    expect(parameterField(s3fifoDefinition, "moveToMainThreshold", { numbers: "internal" }).safeParse(2.5).success).toBe(false);
  });

  it("numericField/numericFields/optionalNumericFields: bounded, defaulted in scenario units, or optional", () => {
    expect(numericField(ssdDefinition, "channelRate").safeParse(0).success).toBe(false);
    expect(() => numericField(hddDefinition, "scheduler")).toThrow(/not a numeric parameter/);
    expect(z.strictObject(numericFields(linkDefinition, ["bandwidth", "latency"])).parse({})).toEqual({ bandwidth: 1.25e9, latency: 50_000 });
    expect(z.strictObject(optionalNumericFields(hddDefinition, ["averageSeek"])).parse({})).toEqual({});
  });

  it("modelFields(definition) defaults every parameter, enums and booleans included", () => {
    const hdd = z.strictObject(modelFields(hddDefinition)).parse({ scheduler: "scan" });
    expect([hdd.rpm, hdd.scheduler, hdd.averageSeek, hdd.queueDepth]).toEqual([7200, "scan", 8.5e6, 32]);
    expect(z.strictObject(modelFields(hddDefinition)).safeParse({ scheduler: "elevator" }).success).toBe(false);
  });

  it("optionsSchema() is strict: declared keys optional without defaults, an unknown key named with the valid ones", () => {
    const schema = optionsSchema("cache", s3fifoDefinition);
    expect(schema.parse({})).toEqual({});
    expect(schema.parse({ smallRatio: 0.2 })).toEqual({ smallRatio: 0.2 });
    expect(schema.safeParse({ smallRatoi: 0.2 }).error?.issues[0].message).toBe('unknown option "smallRatoi" of cache policy s3fifo; expected one of smallRatio, ghostRatio, moveToMainThreshold');
    expect(optionsSchema("cache", { name: "lru", description: "", parameters: {} }).safeParse({ x: 1 }).error?.issues[0].message).toBe('unknown option "x" of cache policy lru; it takes none');
  });
});
