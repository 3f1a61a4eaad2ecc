import { describe, expect, it } from "vitest";
import { z } from "zod";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { Resource } from "../../../src/kernel/resource.ts";
import { DedupStore, FixedLatencyDevice, Hdd, ObjectStore, RecordedDevice, Ssd, StripedArray } from "../../../src/models/devices/index.ts";
import { HDD_PRESETS, hddDefinition } from "../../../src/models/devices/hdd.ts";
import { ssdDefinition } from "../../../src/models/devices/ssd.ts";
import { linkDefinition } from "../../../src/models/network/network.ts";
import {
  buildDevice,
  capacityOf,
  deviceSchema,
  durationText,
  hddSchema,
  linkSchema,
  mediaAgentSchema,
  numericField,
  numericFields,
  optionalNumericFields,
  stripedSchema,
} from "../../../src/lab/kinds/storage-schema.ts";

const build = (spec: unknown) => {
  const sim = new Simulation();
  return { sim, device: buildDevice(sim, new RngStreams("1/0"), "d", deviceSchema.parse(spec)) };
};

describe("storage-schema", () => {
  it("durationText(ns) writes the largest unit that reads back exactly", () => {
    expect([durationText(1_700_000), durationText(80_000), durationText(100e6), durationText(0), durationText(1), durationText(2e9)]).toEqual([
      "1.7ms",
      "80us",
      "100ms",
      "0s",
      "1ns",
      "2s",
    ]);
  });

  it("numericField(definition, key) parses units and enforces the definition's bounds", () => {
    expect(numericField(ssdDefinition, "readLatency").parse("1ms")).toBe(1_000_000);
    expect(numericField(ssdDefinition, "channelRate").safeParse(0).success).toBe(false);
    expect(numericField(ssdDefinition, "channels").safeParse(1.5).success).toBe(false);
    expect(() => numericField(ssdDefinition, "nope")).toThrow(/no parameter/);
  });

  it("numericFields(definition, keys) defaults to the definition's values; optionalNumericFields leaves them out", () => {
    expect(z.strictObject(numericFields(linkDefinition, ["bandwidth", "latency"])).parse({})).toEqual({ bandwidth: 1.25e9, latency: 50_000 });
    expect(z.strictObject(optionalNumericFields(hddDefinition, ["averageSeek"])).parse({})).toEqual({});
  });

  it("deviceSchema.parse({ device }) fills every device's defaults from its definition", () => {
    expect(deviceSchema.parse({ device: "ssd" })).toEqual({
      device: "ssd", readLatency: 80_000, writeLatency: 20_000, flushLatency: 50_000, channelRate: 500e6, channels: 8, queueDepth: 64, bandwidth: 3.2e9,
    });
    expect(deviceSchema.parse({ device: "dedup" })).toMatchObject({ chunkSize: 4 * 2 ** 20, fragmentation: 0.3, coalesce: false, underlying: { device: "hdd", rpm: 7200, scheduler: "fifo" } });
    expect(deviceSchema.parse({ device: "object-store" })).toMatchObject({ firstByteMedian: 100e6, connectionRate: 87.5e6, connections: 16, requestRate: 5500 });
    expect(deviceSchema.parse({ device: "fixed", latency: "5ms" })).toEqual({ device: "fixed", latency: 5e6, parallelism: 0 });
    expect(deviceSchema.parse({ device: "recorded", addedDelay: "5ms" })).toEqual({ device: "recorded", addedDelay: 5e6, removedDelay: 0, flushDelay: 0, missingLatency: 0, bandwidth: 0, rateLimit: 0, burstiness: 2e9 });
  });

  it("deviceSchema.safeParse() rejects unknown devices, unknown keys and unknown rpm presets", () => {
    expect(deviceSchema.safeParse({ device: "floppy" }).success).toBe(false);
    expect(deviceSchema.safeParse({ device: "ssd", readLatncy: "1ms" }).success).toBe(false);
    expect(hddSchema.safeParse({ device: "hdd", rpm: 5400 }).success).toBe(false);
  });

  it("linkSchema and mediaAgentSchema default to 10 GbE with 50 µs and a 16-core media agent", () => {
    expect(linkSchema.parse({ bandwidth: "10Gbit/s" })).toEqual({ bandwidth: 1.25e9, latency: 50_000 });
    expect(mediaAgentSchema.parse({})).toEqual({ cores: 16, decompressionRate: 1e9, hashRate: 1.5e9, nicBandwidth: 1.25e9, nicLatency: 5_000 });
  });

  it("z.toJSONSchema(deviceSchema) shows defaults in scenario units", () => {
    const json = JSON.stringify(z.toJSONSchema(deviceSchema, { io: "input", unrepresentable: "any" }));
    expect(json).toContain('"default":"80us"');
    expect(json).toContain("fixed read service time (default 80us)");
  });

  it("buildDevice(sim, streams, name, spec) builds the declared device", () => {
    expect(build({ device: "ssd" }).device).toBeInstanceOf(Ssd);
    expect(build({ device: "object-store" }).device).toBeInstanceOf(ObjectStore);
    expect(build({ device: "fixed" }).device).toBeInstanceOf(FixedLatencyDevice);
    expect(build({ device: "recorded" }).device).toBeInstanceOf(RecordedDevice);
    const hdd = build({ device: "hdd", rpm: 15000, averageSeek: "4ms" }).device as Hdd;
    expect([hdd.options.rpm, hdd.options.averageSeek, hdd.options.capacity]).toEqual([15000, 4e6, HDD_PRESETS["15000"].capacity]);
    const array = build({ device: "striped", members: 3, member: { device: "hdd" } }).device as StripedArray;
    expect([array.members.length, array.members[2].name]).toEqual([3, "d.disk2"]);
    const dedup = build({ device: "dedup", underlying: { device: "striped", members: 2 } }).device as DedupStore;
    expect([dedup.underlying.name, dedup.cpu.capacity]).toEqual(["d.underlying", 4]);
  });

  it("buildDevice(..., { cpu }) makes a dedup store decompress on the given cores", () => {
    const sim = new Simulation();
    const cpu = new Resource(sim, { capacity: 16 });
    const dedup = buildDevice(sim, new RngStreams("1/0"), "d", deviceSchema.parse({ device: "dedup" }), { cpu }) as DedupStore;
    expect(dedup.cpu).toBe(cpu);
  });

  it("buildDevice(dedup on hdd) reads a whole 4 MiB chunk for a 4 KiB read", () => {
    const { sim, device } = build({ device: "dedup", underlying: { device: "hdd" } });
    let completedAt = -1;
    device.submit({ offset: 12_288, length: 4096, op: "R" }, (c) => (completedAt = c.completedAt));
    sim.run();
    const dedup = device as DedupStore;
    expect([dedup.underlying.counters().bytesRead, dedup.readAmplification()]).toEqual([4 * 2 ** 20, 1024]);
    expect(completedAt).toBeGreaterThan(((4 * 2 ** 20) / 215e6) * 1e9);
  });

  it("capacityOf(spec) gives the preset's, the override's or the array's capacity", () => {
    expect(capacityOf(hddSchema.parse({ device: "hdd", rpm: 15000 }))).toBe(600e9);
    expect(capacityOf(hddSchema.parse({ device: "hdd", capacity: "1TB" }))).toBe(1e12);
    expect(capacityOf(stripedSchema.parse({ device: "striped", members: 4 }))).toBe(16e12);
  });
});
