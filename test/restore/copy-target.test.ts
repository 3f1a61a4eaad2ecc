import { describe, expect, it } from "vitest";
import { BlockVersions } from "../../src/restore/block-versions.ts";
import { VmCopyTarget, type ByteExtent } from "../../src/restore/copy-target.ts";

const MIB = 2 ** 20;
const GIB = 2 ** 30;

/** A copy target of `blocks` 1 MiB blocks over `allocated`; only the fields isZero reads are real. */
function target(blocks: number, allocated: readonly ByteExtent[], onMa = true): { target: VmCopyTarget; versions: BlockVersions } {
  const versions = new BlockVersions("vm", blocks);
  const fields = { versions, blockSize: MIB, blocksPerChunk: 4 } as unknown as ConstructorParameters<typeof VmCopyTarget>[0];
  return { target: new VmCopyTarget(fields, onMa, allocated), versions };
}

describe("VmCopyTarget", () => {
  it("target.isZero(block) is true outside every allocated extent, until the guest writes the block", () => {
    // Two 8 MiB disks end to end, 1 MiB allocated at the start of each.
    const { target: t, versions } = target(16, [{ offset: 0, bytes: MIB }, { offset: 8 * MIB, bytes: MIB }]);
    expect([0, 1, 7, 8, 9, 15].map((b) => t.isZero(b))).toEqual([false, true, true, false, true, true]);
    versions.guestWrite(9);
    expect(t.isZero(9)).toBe(false);
  });

  it("target.isZero(block) over a 2 × 8 GiB VM with 3 GiB then 2 GiB allocated leaves 5 GiB to copy, 11 GiB of zeros", () => {
    const { target: t } = target(16 * 1024, [{ offset: 0, bytes: 3 * GIB }, { offset: 8 * GIB, bytes: 2 * GIB }]);
    let zeros = 0;
    for (let block = 0; block < 16 * 1024; block++) if (t.isZero(block)) zeros++;
    expect(zeros * MIB).toBe(11 * GIB);
    // Disk 0 past its 3 GiB; disk 1's first and last allocated block (a single 3 GiB threshold
    // would call all of disk 1 zeros); disk 1 past its 2 GiB.
    expect([3 * 1024, 8 * 1024, 10 * 1024 - 1, 10 * 1024].map((b) => t.isZero(b))).toEqual([true, false, false, true]);
  });

  it("target.isZero(block) of one extent from 0 is the restore kind's single threshold, a partial last block allocated", () => {
    const { target: t } = target(8, [{ offset: 0, bytes: 2 * MIB + 1 }]);
    expect(Array.from({ length: 8 }, (_, b) => t.isZero(b))).toEqual([false, false, false, true, true, true, true, true]);
    // Nothing allocated: every never-written block is zeros.
    const { target: empty } = target(4, []);
    expect([0, 3].map((b) => empty.isZero(b))).toEqual([true, true]);
  });

  it("target.sourceVersion(block) is the guest's newest version with the write area on the media agent, the backup's (0) otherwise", () => {
    const onMa = target(4, [], true);
    const onPrimary = target(4, [], false);
    for (const { versions } of [onMa, onPrimary]) {
      versions.guestWrite(2);
      versions.guestWrite(2);
    }
    expect([onMa.target.sourceVersion(2), onMa.target.sourceVersion(1), onPrimary.target.sourceVersion(2)]).toEqual([2, 0, 0]);
  });
});
