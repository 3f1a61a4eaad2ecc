import yargs from "yargs";
import { describe, expect, it } from "vitest";
import { RESOURCE_OPTIONS, type ResourceArguments } from "../../../src/cli/commands/resource-options.ts";
import { resourceLimits } from "../../../src/lab/resources.ts";

/** `argv` parsed with the two declarations, as run, sweep and check declare them, in this process. */
function parse(...argv: string[]): ResourceArguments {
  return yargs(argv).option("max-memory", RESOURCE_OPTIONS.maxMemory).option("max-events", RESOURCE_OPTIONS.maxEvents).strict()
    .fail((message, error) => {
      throw error ?? new Error(message);
    })
    .parseSync() as ResourceArguments;
}

/** Matches an error whose message is exactly `message`. */
const thrown = (message: string) => expect.objectContaining({ message });

describe("RESOURCE_OPTIONS", () => {
  it("declares --max-memory a string (a size with units) and --max-events a number, with the defaults in their help", () => {
    expect(RESOURCE_OPTIONS.maxMemory.type).toBe("string");
    expect(RESOURCE_OPTIONS.maxEvents.type).toBe("number");
    expect(RESOURCE_OPTIONS.maxMemory.describe).toContain("(default 4GiB)");
    expect(RESOURCE_OPTIONS.maxEvents.describe).toContain("(default 1e10)");
  });

  it("leaves both flags unset when absent, so the limits are the defaults: 4 GiB and 10^10 events", () => {
    const args = parse();
    expect([args.maxMemory, args.maxEvents]).toEqual([undefined, undefined]);
    expect(resourceLimits(args)).toEqual({ maxMemory: 4 * 2 ** 30, maxEvents: 1e10 });
  });

  it("keeps a size's text for resourceLimits to parse: --max-memory 512MiB --max-events 1e6 → 536 870 912 B, 10^6 events", () => {
    const args = parse("--max-memory", "512MiB", "--max-events", "1e6");
    expect(args).toMatchObject({ maxMemory: "512MiB", maxEvents: 1_000_000 });
    expect(resourceLimits(args)).toEqual({ maxMemory: 536_870_912, maxEvents: 1_000_000 });
  });

  it("a bad value ends in one line naming the flag", () => {
    expect(() => resourceLimits(parse("--max-memory=-1GiB"))).toThrow(thrown('--max-memory: -1GiB: a positive size like "8GiB"'));
    expect(() => resourceLimits(parse("--max-memory", "big"))).toThrow(thrown('--max-memory: big: a positive size like "8GiB"'));
    expect(() => resourceLimits(parse("--max-events", "many"))).toThrow(thrown("--max-events: NaN: a positive whole number of events"));
  });
});
