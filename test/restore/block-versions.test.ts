import { describe, expect, it } from "vitest";
import { BlockVersions } from "../../src/restore/block-versions.ts";
import { InvariantError } from "../../src/util/errors.ts";

describe("BlockVersions", () => {
  it("guestWrite(block) increments the newest version from the backup's 0", () => {
    const v = new BlockVersions("vm", 4);
    expect([v.guestWrite(2), v.guestWrite(2), v.newest[0]]).toEqual([1, 2, 0]);
  });

  it("writePrimary(block, older) after a newer version throws an InvariantError naming block and time", () => {
    const v = new BlockVersions("vm", 4);
    v.writePrimary(3, 2, 10);
    expect(() => v.writePrimary(3, 0, 5_000)).toThrow(InvariantError);
    expect(() => v.writePrimary(3, 0, 5_000)).toThrow("vm: stale overwrite of block 3 at t=5000 ns: primary held version 2, a write brought version 0");
  });

  it("checkPrimaryComplete(at) names the first block primary lacks or holds old", () => {
    const v = new BlockVersions("vm", 2);
    v.writePrimary(0, 0, 0);
    expect(() => v.checkPrimaryComplete(7)).toThrow("vm: at switch-over (t=7 ns) primary holds nothing of block 1, newest is version 0");
    v.writePrimary(1, 0, 0);
    v.guestWrite(1);
    expect(() => v.checkPrimaryComplete(8)).toThrow("primary holds version 0 of block 1, newest is version 1");
    v.writePrimary(1, 1, 9);
    expect(() => v.checkPrimaryComplete(9)).not.toThrow();
  });

  it("mark(block) returns true once and counts marks", () => {
    const v = new BlockVersions("vm", 3);
    expect([v.mark(1), v.mark(1), v.isMarked(1), v.isMarked(0), v.marks]).toEqual([true, false, true, false, 1]);
  });

  it("writePrimary(block, same or newer version) is allowed and counted; primaryVersion() reads it back", () => {
    const v = new BlockVersions("vm", 2);
    expect(v.primaryVersion(0)).toBe(-1);
    v.writePrimary(0, 1, 0);
    v.writePrimary(0, 1, 1);
    v.writePrimary(0, 3, 2);
    v.guestWrite(1);
    expect([v.primaryVersion(0), v.primaryVersion(1), v.counts]).toEqual([3, -1, { guestWrites: 1, primaryWrites: 3 }]);
  });

  it("checkPrimaryComplete(at) passes on an empty disk of 0 blocks and names block 0 first on a fresh one", () => {
    expect(() => new BlockVersions("empty", 0).checkPrimaryComplete(0)).not.toThrow();
    expect(() => new BlockVersions("vms.vm3", 3).checkPrimaryComplete(42)).toThrow(
      new InvariantError("vms.vm3: at switch-over (t=42 ns) primary holds nothing of block 0, newest is version 0"),
    );
  });
});

describe("BlockVersions: partial guest writes (read-merge-write)", () => {
  it("writePrimaryPartial(block) on a block primary lacks leaves it partial: not complete until a copy is merged, then whole at the newest version", () => {
    const v = new BlockVersions("vm", 1);
    expect(v.writePrimaryPartial(0, v.guestWrite(0), 10)).toBe(false);
    expect([v.isPartialOnPrimary(0), v.primaryVersion(0), v.markMerge(0), v.markMerge(0), v.needsMerge(0), v.isMarked(0), v.marks]).toEqual([true, 1, true, false, true, false, 0]);
    expect(() => v.checkPrimaryComplete(20)).toThrow("vm: at switch-over (t=20 ns) primary holds only a partial write of version 1 of block 0, newest is version 1");
    v.mergePrimary(0, 0, 30); // the backup's copy fills the other bytes
    v.mark(0);
    expect([v.isPartialOnPrimary(0), v.primaryVersion(0), v.isMarked(0), v.needsMerge(0)]).toEqual([false, 1, true, false]);
    expect(() => v.checkPrimaryComplete(40)).not.toThrow();
  });

  it("a second partial write keeps the first one's base; a full write makes the block whole", () => {
    const v = new BlockVersions("vm", 2);
    v.writePrimaryPartial(0, v.guestWrite(0), 0);
    v.writePrimaryPartial(0, v.guestWrite(0), 1);
    expect(() => v.mergePrimary(0, 0, 2)).not.toThrow(); // base 0: the copy of version 0 completes it
    expect(v.primaryVersion(0)).toBe(2);
    v.writePrimaryPartial(1, v.guestWrite(1), 0);
    v.writePrimary(1, v.guestWrite(1), 1);
    expect([v.isPartialOnPrimary(1), v.primaryVersion(1)]).toEqual([false, 2]);
  });

  it("a partial write on a block primary already holds current keeps it whole (returns true)", () => {
    const v = new BlockVersions("vm", 1);
    v.writePrimary(0, 0, 0);
    expect(v.writePrimaryPartial(0, v.guestWrite(0), 5)).toBe(true);
    expect([v.isPartialOnPrimary(0), v.primaryVersion(0)]).toEqual([false, 1]);
    expect(() => v.checkPrimaryComplete(6)).not.toThrow();
  });

  it("a partial write over an older whole copy sets the base to the previous newest: merging an older copy is a stale merge", () => {
    const v = new BlockVersions("vm", 1);
    v.writePrimary(0, 0, 0);
    v.guestWrite(0); // version 1 only in a write area on the media agent
    expect(v.writePrimaryPartial(0, v.guestWrite(0), 7)).toBe(false); // version 2's bytes over version 0: base 1
    expect(() => v.mergePrimary(0, 0, 9)).toThrow("vm: stale merge into block 0 at t=9 ns: its other bytes are at version 1, a copy brought version 0");
    v.mergePrimary(0, 1, 10);
    expect(v.primaryVersion(0)).toBe(2);
  });

  it("writePrimary of an older copy over a partial block (no merge: a broken mirror rule) is a stale overwrite", () => {
    const v = new BlockVersions("vm", 1);
    v.writePrimaryPartial(0, v.guestWrite(0), 0);
    expect(() => v.writePrimary(0, 0, 3)).toThrow("vm: stale overwrite of block 0 at t=3 ns: primary held version 1, a write brought version 0");
  });

  it("versions.newestOf(block) equals newest[block] inside and outside the range the guest wrote", () => {
    const v = new BlockVersions("vm", 16);
    expect(v.newestOf(5)).toBe(0);
    for (const block of [4, 9, 4]) v.guestWrite(block);
    expect(Array.from({ length: 16 }, (_, b) => v.newestOf(b))).toEqual(Array.from(v.newest));
  });

  it("versions.landCopy(block, version, at) skips a marked block, writes an unmarked one whole, merges a to-merge one, and marks both", () => {
    const v = new BlockVersions("vms.vm1", 3);
    v.writePrimaryPartial(2, v.guestWrite(2), 0);
    v.markMerge(2);
    expect([v.landCopy(0, 0, 5), v.landCopy(0, 0, 6), v.landCopy(2, 0, 7)]).toEqual(["copied", "skipped", "merged"]);
    expect([v.isMarked(0), v.isMarked(1), v.isMarked(2), v.marks]).toEqual([true, false, true, 2]);
    expect([v.primaryVersion(0), v.primaryVersion(2), v.isPartialOnPrimary(2)]).toEqual([0, 1, false]);
    v.guestWrite(1);
    v.writePrimary(1, 1, 8);
    expect(() => v.landCopy(1, 0, 9)).toThrow("stale overwrite of block 1 at t=9 ns");
  });
});
