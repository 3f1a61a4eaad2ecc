import { describe, expect, it } from "vitest";
import { allocatedChunks, vmDisks } from "../../../../src/lab/kinds/fleet/vm-disks.ts";

const MIB = 2 ** 20;
const GIB = 2 ** 30;
const CHUNK = 4 * MIB;

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
