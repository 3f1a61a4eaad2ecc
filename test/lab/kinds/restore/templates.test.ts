import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RngStreams } from "../../../../src/kernel/rng.ts";
import { buildRestoreWorld } from "../../../../src/lab/kinds/restore/build.ts";
import { restoreSchema } from "../../../../src/lab/kinds/restore/schema.ts";

const MIB = 2 ** 20;
const dir = mkdtempSync(join(tmpdir(), "rtolab-templates-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// One 4 KiB read in each of chunks 0..9 (4 MiB chunks), 1 ms apart; service ready after the last.
const rows = Array.from({ length: 10 }, (_, c) => `${c * 1000},R,${c * 4 * MIB},4096,10`);
writeFileSync(join(dir, "ten-chunks.csv"), ["t_us,op,offset,length,latency_us", ...rows].join("\n") + "\n");

/** Chunk bytes the one media agent fetched when `count` VMs boot the ten-chunk trace at once. */
function fetchedChunks(count: number, templates?: { count: number; sharedFraction: number }): number {
  const spec = restoreSchema.parse({
    kind: "restore",
    chunkSize: "4MiB",
    vms: { count, diskSize: "64MiB", blockSize: "1MiB", trace: "ten-chunks.csv", serviceReady: "10ms", ...(templates ? { templates } : {}) },
    hosts: { count },
  });
  const world = buildRestoreWorld(spec, { replication: 0, streams: new RngStreams("1/0"), scenarioDir: dir });
  world.sim.run();
  const { demand, prestage } = world.agents[0].service.stats.fetchedBytesByClass;
  return (demand + prestage) / (4 * MIB);
}

describe("templateImageOf (through buildRestoreWorld)", () => {
  it("one VM fetches the ten chunks it reads", () => {
    expect(fetchedChunks(1)).toBe(10);
  });

  it("three clones of one template with every chunk shared fetch the ten chunks once", () => {
    expect(fetchedChunks(3, { count: 1, sharedFraction: 1 })).toBe(10);
  });

  it("three VMs without templates fetch 3 × 10 chunks", () => {
    expect(fetchedChunks(3)).toBe(30);
  });

  it("two clones sharing half their chunks fetch the 5 shared ones (1, 3, 5, 7, 9) once and their own 5 each: 15", () => {
    expect(fetchedChunks(2, { count: 1, sharedFraction: 0.5 })).toBe(15);
  });

  it("two VMs cloned from two different templates share nothing: 20", () => {
    expect(fetchedChunks(2, { count: 2, sharedFraction: 1 })).toBe(20);
  });
});
