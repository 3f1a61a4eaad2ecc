import { describe, expect, it } from "vitest";
import { PHASE_BEFORE_READY, PHASE_RELOCATING, PHASE_SWITCHED, PHASE_AFTER_READY } from "../../src/restore/metrics.ts";
import { BLOCK, CHUNK, MS, chunksOf, req, submitAt, toyGuestIo, toyWorld, type Toy } from "./toy.ts";

// Toy latencies: secondary 1 ms per chunk, cache hit 10 µs, media agent → host: bytes ns + 10 µs,
// write-area device 50 µs (+ 10 µs request, data back), primary 100 µs.

/** Counts and maxima of the collector's histograms, for exact assertions. */
function recorded(toy: Toy) {
  const { bySource, byPhase } = toy.latencies;
  const pick = (h: { count: number; max: number }) => [h.count, h.max];
  return {
    cache: pick(bySource.cache),
    secondary: pick(bySource.secondary),
    primary: pick(bySource.primary),
    writeArea: pick(bySource.writeArea),
    beforeServiceReady: pick(byPhase.beforeServiceReady),
    duringRelocation: pick(byPhase.duringRelocation),
    afterSwitchOver: pick(byPhase.afterSwitchOver),
  };
}

describe("GuestIo", () => {
  it("io.submit(read of a block not yet relocated) goes to the media agent: miss 1 014 096 ns (secondary), then hit 24 096 ns (cache)", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy);
    const done: number[] = [];
    submitAt(toy, io, 0, req("R", 0, BLOCK), done);
    submitAt(toy, io, 2 * MS, req("R", 3 * BLOCK, BLOCK), done); // same chunk 0
    toy.sim.run();
    expect(done).toEqual([MS + 4096 + 10_000, 2 * MS + 10_000 + 4096 + 10_000]);
    expect(chunksOf(toy.storage.log)).toEqual([0]);
    expect(recorded(toy)).toMatchObject({ secondary: [1, 1_014_096], cache: [1, 24_096], beforeServiceReady: [2, 1_014_096], duringRelocation: [0, 0], afterSwitchOver: [0, 0] });
    expect(io.stats).toMatchObject({ reads: 2, bytesRead: 2 * BLOCK, bytesFromMediaAgent: 2 * BLOCK });
  });

  it("a read spanning chunks 0 and 1 waits for both fetches (1 ms in parallel) and sends 8192 B once", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy);
    const done: number[] = [];
    submitAt(toy, io, 0, req("R", 3 * BLOCK, 2 * BLOCK), done);
    toy.sim.run();
    expect(done).toEqual([MS + 8192 + 10_000]);
    expect(chunksOf(toy.storage.log)).toEqual([0, 1]);
  });

  it("a read of a block marked on primary (relocated) goes to primary: 100 000 ns, source primary, no media agent I/O", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy, { relocating: true });
    toy.versions.writePrimary(6, 0, 0);
    toy.versions.mark(6);
    const done: number[] = [];
    submitAt(toy, io, 0, req("R", 6 * BLOCK, BLOCK), done);
    toy.sim.run();
    expect(done).toEqual([100_000]);
    expect(toy.storage.log).toEqual([]);
    expect(recorded(toy)).toMatchObject({ primary: [1, 100_000], duringRelocation: [1, 100_000], beforeServiceReady: [1, 100_000] });
  });

  it("a read over a written block (write area), a relocated block (primary) and a fresh block (media agent) splits its bytes and records the slowest source, secondary", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy, { serviceReady: true });
    submitAt(toy, io, 0, req("W", 4 * BLOCK, BLOCK), []); // block 4 → write area (done at 74 096)
    toy.versions.writePrimary(5, 0, 0);
    toy.versions.mark(5);
    const done: number[] = [];
    submitAt(toy, io, MS, req("R", 4 * BLOCK, 3 * BLOCK), done); // blocks 4, 5, 6
    toy.sim.run();
    // Media agent part: chunk 1 fetched 1 ms, its 4096 B share + 10 µs: the slowest part.
    expect(done).toEqual([2 * MS + 4096 + 10_000]);
    expect(toy.areaDevice.log.map((r) => [r.op, r.offset, r.length])).toEqual([
      ["W", 4 * BLOCK, BLOCK],
      ["R", 4 * BLOCK, BLOCK],
    ]);
    expect(toy.primary.log.map((r) => [r.op, r.offset, r.length])).toEqual([["R", 4 * BLOCK, BLOCK]]);
    expect(io.stats.bytesFromMediaAgent).toBe(BLOCK);
    expect(recorded(toy)).toMatchObject({ secondary: [1, 1_014_096], writeArea: [0, 0], primary: [0, 0], beforeServiceReady: [0, 0] });
  });

  it("a read whose chunk is wholly written or relocated does not touch the media agent even when the range crosses into it", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy);
    for (const block of [4, 5, 6, 7]) {
      toy.versions.writePrimary(block, 0, 0);
      toy.versions.mark(block);
    }
    const done: number[] = [];
    submitAt(toy, io, 0, req("R", 3 * BLOCK, 2 * BLOCK), done); // block 3 (chunk 0, media agent), block 4 (primary)
    toy.sim.run();
    expect(chunksOf(toy.storage.log)).toEqual([0]);
    expect(done).toEqual([MS + 4096 + 10_000]);
  });

  it("after switch-over every read goes to primary (100 000 ns), even of blocks the guest wrote to the media agent's area; phase afterSwitchOver", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy);
    submitAt(toy, io, 0, req("W", 0, BLOCK), []);
    toy.sim.schedule(MS, "test.event", () => {
      io.state.switchedOver = true;
      io.state.serviceReady = true;
    });
    const done: number[] = [];
    submitAt(toy, io, 2 * MS, req("R", 0, 2 * CHUNK), done);
    toy.sim.run();
    expect(done).toEqual([2 * MS + 100_000]);
    expect(toy.storage.log).toEqual([]);
    expect(toy.primary.log).toEqual([{ at: 2 * MS, op: "R", offset: 0, length: 2 * CHUNK }]);
    expect(recorded(toy)).toMatchObject({ primary: [1, 100_000], afterSwitchOver: [1, 100_000], beforeServiceReady: [0, 0], duringRelocation: [0, 0] });
  });

  it("io.submit(write) before relocation with the area on the media agent: 74 096 ns, newest version 1, primary untouched, not marked", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy);
    const done: number[] = [];
    submitAt(toy, io, 0, req("W", 9 * BLOCK, BLOCK), done);
    toy.sim.run();
    expect(done).toEqual([74_096]);
    expect([toy.versions.newest[9], toy.versions.primaryVersion(9), toy.versions.isMarked(9), io.stats.guestMarks, toy.primary.log.length]).toEqual([1, -1, false, 0, 0]);
  });

  it("io.submit(write) during relocation mirrors to the area and primary and completes when both have it: max(74 096, 100 000)", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy, { relocating: true });
    const done: number[] = [];
    submitAt(toy, io, 0, req("W", 9 * BLOCK, 2 * BLOCK), done);
    toy.sim.run();
    expect(done).toEqual([100_000]);
    expect(toy.primary.log).toEqual([{ at: 0, op: "W", offset: 9 * BLOCK, length: 2 * BLOCK }]);
    expect(toy.areaDevice.log).toEqual([{ at: 18_192, op: "W", offset: 9 * BLOCK, length: 2 * BLOCK }]);
    expect([toy.versions.primaryVersion(9), toy.versions.primaryVersion(10), io.stats.guestMarks, toy.versions.marks]).toEqual([1, 1, 2, 2]);
  });

  it("a second write of a marked block during relocation raises primary to version 2 without counting a second mark", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy, { relocating: true });
    io.submit(req("W", 9 * BLOCK, BLOCK), () => {});
    io.submit(req("W", 9 * BLOCK, BLOCK), () => {});
    toy.sim.run();
    expect([toy.versions.primaryVersion(9), io.stats.guestMarks, io.stats.writes]).toEqual([2, 1, 2]);
  });

  it("io.submit(write) after switch-over goes to primary only: 100 000 ns, no write-area I/O", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy, { switchedOver: true });
    const done: number[] = [];
    submitAt(toy, io, 0, req("W", 0, BLOCK), done);
    toy.sim.run();
    expect(done).toEqual([100_000]);
    expect(toy.areaDevice.log).toEqual([]);
    expect(toy.writeArea.has(0)).toBe(false);
    expect(toy.versions.primaryVersion(0)).toBe(1);
  });

  it("a broken mirror rule (skipMirrorMarks) writes primary without marking the block", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy, { relocating: true }, true);
    io.submit(req("W", 0, BLOCK), () => {});
    toy.sim.run();
    expect([toy.versions.primaryVersion(0), toy.versions.isMarked(0), io.stats.guestMarks]).toEqual([1, false, 0]);
  });

  it("zero-length and flush requests complete at once without I/O", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy);
    const done: number[] = [];
    submitAt(toy, io, 5, { timeUs: 0, op: "F", offset: 0, length: 0 }, done);
    submitAt(toy, io, 7, req("R", 0, 0), done);
    toy.sim.run();
    expect(done).toEqual([5, 7]);
    expect([io.stats.reads, io.stats.writes, toy.storage.log.length, toy.primary.log.length]).toEqual([0, 0, 0, 0]);
  });

  it("the latency collector gets the read's issue time, latency, source and phase bits", () => {
    const toy = toyWorld();
    const io = toyGuestIo(toy, { relocating: true });
    const calls: [number, number, string, number][] = [];
    const record = toy.latencies.record.bind(toy.latencies);
    toy.latencies.record = (issuedAt, latency, source, phases) => {
      calls.push([issuedAt, latency, source, phases]);
      record(issuedAt, latency, source, phases);
    };
    submitAt(toy, io, 3_000, req("R", 0, BLOCK), []);
    toy.sim.schedule(2 * MS, "test.event", () => {
      io.state.serviceReady = true;
    });
    submitAt(toy, io, 3 * MS, req("R", BLOCK, BLOCK), []);
    toy.sim.run();
    expect(calls).toEqual([
      [3_000, 1_014_096, "secondary", PHASE_BEFORE_READY | PHASE_RELOCATING],
      [3 * MS, 24_096, "cache", PHASE_RELOCATING | PHASE_AFTER_READY],
    ]);
    expect([PHASE_SWITCHED, PHASE_AFTER_READY]).toEqual([4, 8]);
  });
});
