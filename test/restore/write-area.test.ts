import { describe, expect, it } from "vitest";
import { WriteArea } from "../../src/restore/write-area.ts";
import { BLOCK, req, submitAt, toyGuestIo, toyWorld } from "./toy.ts";

// Toy: host ↔ media agent paths of two 1 GB/s links with 5 µs each (bytes ns + 10 µs, FIFO),
// write-area device on the media agent 50 µs, primary datastore 100 µs (test/restore/toy.ts).

describe("WriteArea", () => {
  it("writeArea.write() on the media agent sends the data, writes the device, then acks: 4096 + 10 000 + 50 000 + 10 000 ns", () => {
    const toy = toyWorld();
    const done: number[] = [];
    toy.writeArea.write(1, 1, { offset: BLOCK, length: BLOCK, op: "W" }, () => done.push(toy.sim.now));
    toy.sim.run();
    // data over host.tx → ma.rx: 4096 ns + 10 µs = 14 096; device 50 µs → 64 096; empty ack back: 10 µs.
    expect(done).toEqual([74_096]);
    expect(toy.areaDevice.log).toEqual([{ at: 14_096, op: "W", offset: BLOCK, length: BLOCK }]);
    expect(toy.primary.log).toEqual([]);
    expect([toy.writeArea.onMediaAgent, toy.writeArea.has(1), toy.writeArea.has(0), toy.writeArea.writtenBlocks]).toEqual([true, true, false, 1]);
    expect([toy.host.nic.tx.bytesCarried, toy.agent.nic.tx.bytesCarried]).toEqual([4096, 0]);
  });

  it("writeArea.write() redirected to primary goes straight to the datastore: 100 000 ns, no network", () => {
    const toy = toyWorld({ writeArea: "primary" });
    const done: number[] = [];
    toy.writeArea.write(2, 2, { offset: 2 * BLOCK, length: BLOCK, op: "W" }, () => done.push(toy.sim.now));
    toy.sim.run();
    expect(done).toEqual([100_000]);
    expect(toy.primary.log).toEqual([{ at: 0, op: "W", offset: 2 * BLOCK, length: BLOCK }]);
    expect(toy.areaDevice.log).toEqual([]);
    expect([toy.writeArea.onMediaAgent, toy.writeArea.has(2), toy.host.nic.tx.bytesCarried]).toEqual([false, true, 0]);
  });

  it("writeArea.read() on the media agent: empty request 10 000, device 50 000, data back 4096 + 10 000 ns", () => {
    const toy = toyWorld();
    const done: number[] = [];
    toy.writeArea.read(3 * BLOCK, BLOCK, () => done.push(toy.sim.now));
    toy.sim.run();
    expect(done).toEqual([74_096]);
    expect(toy.areaDevice.log).toEqual([{ at: 10_000, op: "R", offset: 3 * BLOCK, length: BLOCK }]);
    expect([toy.host.nic.tx.bytesCarried, toy.agent.nic.tx.bytesCarried]).toEqual([0, 4096]);
  });

  it("writeArea.write(first, last) counts each block once however often it is written", () => {
    const toy = toyWorld();
    toy.writeArea.write(0, 2, { offset: 0, length: 3 * BLOCK, op: "W" }, () => {});
    toy.writeArea.write(2, 3, { offset: 2 * BLOCK, length: 2 * BLOCK, op: "W" }, () => {});
    toy.sim.run();
    expect([toy.writeArea.writtenBlocks, [0, 1, 2, 3, 4].map((b) => toy.writeArea.has(b))]).toEqual([4, [true, true, true, true, false]]);
  });

  it("guest write then read of the block: the read is served from the write area (74 096 ns), never from secondary storage", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy);
    const writes: number[] = [];
    const reads: number[] = [];
    submitAt(toy, io, 0, req("W", 5 * BLOCK, BLOCK), writes);
    submitAt(toy, io, 1_000_000, req("R", 5 * BLOCK, BLOCK), reads);
    toy.sim.run();
    expect(writes).toEqual([74_096]);
    expect(reads).toEqual([1_074_096]);
    expect(toy.storage.log).toEqual([]);
    expect(toy.latencies.bySource.writeArea.count).toBe(1);
    expect(toy.latencies.bySource.writeArea.max).toBe(74_096);
    expect(toy.latencies.bySource.secondary.count).toBe(0);
    // Before relocation the write stays in the area: primary untouched, block not marked.
    expect([toy.versions.newest[5], toy.versions.primaryVersion(5), toy.versions.isMarked(5), toy.primary.log.length]).toEqual([1, -1, false, 0]);
  });

  it("guest write then read with the write area on primary: the write (100 000 ns) is marked on primary; the read takes 100 000 ns", () => {
    const toy = toyWorld({ writeArea: "primary" });
    const io = toyGuestIo(toy);
    const writes: number[] = [];
    const reads: number[] = [];
    submitAt(toy, io, 0, req("W", 5 * BLOCK, BLOCK), writes);
    submitAt(toy, io, 1_000_000, req("R", 5 * BLOCK, BLOCK), reads);
    toy.sim.run();
    expect([writes, reads]).toEqual([[100_000], [1_100_000]]);
    expect(toy.primary.log.map((r) => [r.at, r.op, r.offset, r.length])).toEqual([
      [0, "W", 5 * BLOCK, BLOCK],
      [1_000_000, "R", 5 * BLOCK, BLOCK],
    ]);
    expect([toy.versions.primaryVersion(5), toy.versions.isMarked(5), io.stats.guestMarks]).toEqual([1, true, 1]);
    expect(toy.latencies.bySource.writeArea.max).toBe(100_000);
  });

  it("a partial-block guest write (512 B inside block 1) records the whole block as written and sends only 512 B", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy);
    const writes: number[] = [];
    submitAt(toy, io, 0, req("W", BLOCK + 1024, 512), writes);
    toy.sim.run();
    // 512 ns + 10 µs, device 50 µs, ack 10 µs.
    expect(writes).toEqual([70_512]);
    expect(toy.areaDevice.log).toEqual([{ at: 10_512, op: "W", offset: BLOCK + 1024, length: 512 }]);
    expect([toy.writeArea.has(0), toy.writeArea.has(1), toy.writeArea.has(2), toy.versions.newest[1]]).toEqual([false, true, false, 1]);
  });

  it("a 200 B guest write straddling blocks 0 and 1 records both blocks as written, each at version 1", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy);
    submitAt(toy, io, 0, req("W", BLOCK - 100, 200), []);
    toy.sim.run();
    expect([toy.writeArea.writtenBlocks, toy.versions.newest[0], toy.versions.newest[1], io.stats.bytesWritten]).toEqual([2, 1, 1, 200]);
  });

  it("a full-block read of a block the guest wrote only 512 B of is served wholly by the write area (block granularity; the other 3.5 KiB are not fetched from the backup)", () => {
    // Pins the current whole-block granularity of the write area (see the report: the rest of
    // the block lives only in the backup).
    const toy = toyWorld();
    const io = toyGuestIo(toy);
    const reads: number[] = [];
    submitAt(toy, io, 0, req("W", BLOCK + 1024, 512), []);
    submitAt(toy, io, 1_000_000, req("R", BLOCK, BLOCK), reads);
    toy.sim.run();
    expect(reads).toEqual([1_074_096]);
    expect(toy.storage.log).toEqual([]);
  });

  it("writeArea.has(block) is true exactly for written blocks, across 64-block groups", () => {
    const toy = toyWorld();
    const area = new WriteArea(5000, { location: "primary", device: toy.primary, base: 0, transport: toy.transport, toArea: [], fromArea: [] });
    const written = [0, 63, 64, 2047, 2048, 4999];
    for (const block of written) area.write(block, block, { offset: block * BLOCK, length: BLOCK, op: "W" }, () => {});
    const found = Array.from({ length: 5000 }, (_, b) => b).filter((b) => area.has(b));
    expect(found).toEqual(written);
    expect(area.writtenBlocks).toBe(6);
  });
});
