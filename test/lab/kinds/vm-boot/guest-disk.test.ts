import { describe, expect, it } from "vitest";
import { RngStreams } from "../../../../src/kernel/rng.ts";
import { Simulation } from "../../../../src/kernel/simulation.ts";
import type { BlockRequest } from "../../../../src/models/devices/types.ts";
import { deviceSchema, linkSchema, mediaAgentSchema } from "../../../../src/lab/kinds/storage-schema.ts";
import { GuestDisk, WRITE_AREA_BLOCK, type DiskAttachment } from "../../../../src/lab/kinds/vm-boot/guest-disk.ts";

const FIXED_1MS = deviceSchema.parse({ device: "fixed", latency: "1ms" });
const read = (offset: number, length = 4096): BlockRequest => ({ offset, length, op: "R" });
const write = (offset: number, length = 4096): BlockRequest => ({ offset, length, op: "W" });

/** A disk on `attachment`, and a function that submits one request, runs the kernel and returns its latency, ns. */
function disk(attachment: DiskAttachment): { disk: GuestDisk; latency: (request: BlockRequest) => number } {
  const sim = new Simulation();
  const guest = new GuestDisk(sim, new RngStreams("guest-disk"), attachment);
  return {
    disk: guest,
    latency(request) {
      const start = sim.now;
      let end = -1;
      guest.submit(request, () => (end = sim.now));
      sim.run();
      return end - start;
    },
  };
}

describe("GuestDisk", () => {
  it("a local read takes the storage device's own time: 1 ms on a 1 ms fixed-latency device", () => {
    const { disk: guest, latency } = disk({ attach: "local", storage: FIXED_1MS });
    expect(latency(read(0))).toBe(1_000_000);
    expect(guest.counters).toEqual({ readsServed: 1, readLatenciesNs: [1_000_000], readsFromWriteArea: 0, guestBytesToStorage: 4096 });
    expect(guest.mediaAgent).toBeNull();
  });

  it("a remote read pays the request's path latency, the device, then the reply's transfer and path latency: 1,214,096 ns", () => {
    const link = linkSchema.parse({ bandwidth: "1GB/s", latency: "100us" });
    const mediaAgent = mediaAgentSchema.parse({}); // NIC 1.25 GB/s, 5 µs per direction
    const { disk: guest, latency } = disk({ attach: "remote", storage: FIXED_1MS, link, mediaAgent });
    // link 100 µs + NIC 5 µs (a few bytes: latency only), the device 1 ms, 4,096 B at the
    // bottleneck 1 GB/s = 4,096 ns, then NIC 5 µs + link 100 µs.
    expect(latency(read(0))).toBe(105_000 + 1_000_000 + 4_096 + 105_000);
    expect(guest.mediaAgent).not.toBeNull();
    expect(guest.bytesReadFromStorage()).toBe(4096);
  });

  it("writes and flushes go to the write area; a read of blocks the guest wrote whole comes back from it, not from storage", () => {
    const { disk: guest, latency } = disk({ attach: "local", storage: FIXED_1MS });
    latency(write(8192, 2 * WRITE_AREA_BLOCK)); // blocks 2 and 3
    latency({ offset: 0, length: 0, op: "F" });
    const fromWriteArea = latency(read(8192, 8192));
    expect(fromWriteArea).toBeLessThan(1_000_000); // the SSD write area, not the 1 ms storage
    expect(guest.counters.readsFromWriteArea).toBe(1);
    expect(guest.counters.guestBytesToStorage).toBe(0);
    expect(guest.storage.counters().bytesRead).toBe(0);
    // Block 4 was never written: a read of blocks 3 and 4 goes to storage, all 8 KiB of it.
    expect(latency(read(12288, 8192))).toBe(1_000_000);
    expect([guest.counters.readsServed, guest.counters.readsFromWriteArea, guest.counters.guestBytesToStorage]).toEqual([2, 1, 8192]);
  });

  it("a write covering a block only partly does not make it the write area's: the read still goes to storage", () => {
    const { disk: guest, latency } = disk({ attach: "local", storage: FIXED_1MS });
    latency(write(2048, 4096)); // the second half of block 0 and the first half of block 1
    expect(latency(read(0))).toBe(1_000_000);
    expect(latency(read(4096))).toBe(1_000_000);
    expect(guest.counters.readsFromWriteArea).toBe(0);
    latency(write(0, 8192)); // now both whole
    latency(read(0, 8192));
    expect(guest.counters.readsFromWriteArea).toBe(1);
  });

  it("bytesReadFromStorage() counts a dedup store's whole 4 MiB chunks read from its underlying device, a plain device's bytes as read", () => {
    const dedup = disk({ attach: "local", storage: deviceSchema.parse({ device: "dedup", underlying: { device: "ssd" } }) });
    dedup.latency(read(0));
    dedup.latency(read(8192));
    expect(dedup.disk.bytesReadFromStorage()).toBe(2 * 4 * 2 ** 20);
    const plain = disk({ attach: "local", storage: FIXED_1MS });
    plain.latency(read(0));
    plain.latency(read(8192, 512));
    expect(plain.disk.bytesReadFromStorage()).toBe(4096 + 512);
  });
});
