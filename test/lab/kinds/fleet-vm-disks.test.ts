import { describe, expect, it } from "vitest";
import { BlockVersions } from "../../../src/restore/block-versions.ts";
import { allocatedChunks, FleetCopyTarget, vmDisks, type VmDisks } from "../../../src/lab/kinds/fleet/vm-disks.ts";

const MIB = 2 ** 20;
const GIB = 2 ** 30;
const CHUNK = 4 * MIB;

/** A copy target over `layout` in 1 MiB blocks; only the fields isZero reads are real. */
function target(layout: VmDisks): { target: FleetCopyTarget; versions: BlockVersions } {
  const versions = new BlockVersions("vm", layout.size / MIB);
  const fields = { versions, blockSize: MIB, blocksPerChunk: CHUNK / MIB } as unknown as ConstructorParameters<typeof FleetCopyTarget>[0];
  return { target: new FleetCopyTarget(fields, true, layout), versions };
}

describe("vmDisks", () => {
  it("vmDisks(sizes, options) lays the disks end to end in whole chunks, disk 0 at least the boot extent", () => {
    const layout = vmDisks([16 * GIB, 5 * MIB, 8 * GIB], { chunkSize: CHUNK, bootExtent: 3 * GIB, allocated: 2 * GIB });
    expect(layout).toEqual({
      size: 16 * GIB + 8 * MIB + 8 * GIB,
      disks: [
        // Disk 0 is allocated at least as far as the boot trace reaches.
        { offset: 0, size: 16 * GIB, allocated: 3 * GIB },
        // 5 MiB in whole chunks; 2 GiB allocated is capped at the region, never into the next disk.
        { offset: 16 * GIB, size: 8 * MIB, allocated: 8 * MIB },
        { offset: 16 * GIB + 8 * MIB, size: 8 * GIB, allocated: 2 * GIB },
      ],
    });
  });

  it("vmDisks([size], options) of one disk is the restore kind's disk: its size in whole chunks and at least the boot extent, all allocated by default", () => {
    expect(vmDisks([GIB + 1], { chunkSize: CHUNK, bootExtent: 0 })).toEqual({ size: GIB + CHUNK, disks: [{ offset: 0, size: GIB + CHUNK, allocated: GIB + CHUNK }] });
    expect(vmDisks([GIB], { chunkSize: CHUNK, bootExtent: 3 * GIB })).toEqual({ size: 3 * GIB, disks: [{ offset: 0, size: 3 * GIB, allocated: 3 * GIB }] });
  });

  it("allocatedChunks(layout, chunkSize) gives one extent per disk, in chunks from the disk's start", () => {
    const layout = vmDisks([8 * GIB, 8 * GIB], { chunkSize: CHUNK, bootExtent: 3 * GIB, allocated: 2 * GIB + 1 });
    expect(allocatedChunks(layout, CHUNK)).toEqual([
      { firstBlock: 0, blockCount: 768 },
      { firstBlock: 2048, blockCount: 513 },
    ]);
  });
});

describe("FleetCopyTarget", () => {
  it("target.isZero(block) is true outside every disk's allocated extent, until the guest writes the block", () => {
    const layout = vmDisks([8 * MIB, 8 * MIB], { chunkSize: CHUNK, bootExtent: 0, allocated: MIB });
    const { target: t, versions } = target(layout);
    expect([0, 1, 7, 8, 9, 15].map((b) => t.isZero(b))).toEqual([false, true, true, false, true, true]);
    versions.guestWrite(9);
    expect(t.isZero(9)).toBe(false);
  });

  it("target.isZero(block) over a 2 × 8 GiB VM with 2 GiB allocated per disk and a 3 GiB boot extent leaves 5 GiB to copy, 11 GiB of zeros", () => {
    const layout = vmDisks([8 * GIB, 8 * GIB], { chunkSize: CHUNK, bootExtent: 3 * GIB, allocated: 2 * GIB });
    const { target: t } = target(layout);
    let zeros = 0;
    for (let block = 0; block < layout.size / MIB; block++) if (t.isZero(block)) zeros++;
    expect(zeros * MIB).toBe(11 * GIB);
    // Disk 0 past its 3 GiB; disk 1's first and last allocated block (a single 3 GiB threshold
    // would call all of disk 1 zeros); disk 1 past its 2 GiB.
    expect([3 * 1024, 8 * 1024, 10 * 1024 - 1, 10 * 1024].map((b) => t.isZero(b))).toEqual([true, false, false, true]);
  });
});
