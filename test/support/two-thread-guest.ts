import { Simulation } from "../../src/kernel/simulation.ts";
import { RecordedDevice, type RecordedOptions } from "../../src/models/devices/recorded.ts";
import type { TraceRequest } from "../../src/workloads/traces/types.ts";

/**
 * A guest with a known structure, recorded at a disk of 10 µs behind `disk` (RecordedDevice
 * options): thread A reads 200 × 64 KiB, thread B 400 × 4 KiB, each waiting for its own read and
 * then thinking (A 3 ms, B 1.5 ms, plus 0–1.8 ms that cycles over 7 reads, and µs offsets that
 * keep the two threads from issuing at the same ns). Service ready is 500 µs after the later
 * thread's last read. Resumes at once after any wait (no rule-5 cost). (Its regular arithmetic
 * makes a rate filter's retries and arrivals meet at the same ns now and then, which a recording
 * cannot order: its throttled boot is not used for the faster direction.)
 */
export function twoThreadGuest(disk: Partial<RecordedOptions>): { requests: TraceRequest[]; readyUs: number } {
  const sim = new Simulation();
  const device = new RecordedDevice(sim, "guest.disk", disk);
  const requests: TraceRequest[] = [];
  let running = 2;
  let readyNs = 0;
  const threads = [
    { reads: 200, length: 65536, thinkNs: 3_000_000, base: 0 },
    { reads: 400, length: 4096, thinkNs: 1_500_000, base: 2 ** 30 },
  ];
  threads.forEach((thread, k) => {
    let i = 0;
    const next = (): void => {
      if (i === thread.reads) {
        if (--running === 0) readyNs = sim.now + 500_000;
        return;
      }
      const request: TraceRequest = { timeUs: sim.now / 1000, op: "R", offset: thread.base + i * thread.length, length: thread.length, latencyUs: 10 };
      const issuedNs = sim.now;
      i++;
      device.submit(request, () => {
        requests.push({ ...request, latencyUs: (sim.now - issuedNs) / 1000 });
        sim.schedule(thread.thinkNs + (i % 7) * 300_013 + k * 1_777, "guest.think", next);
      });
    };
    sim.schedule(k * 100_000, "guest.start", next);
  });
  sim.run();
  requests.sort((a, b) => a.timeUs - b.timeUs || a.offset - b.offset);
  return { requests, readyUs: readyNs / 1000 };
}

/** The true dependency of each request of a {@link twoThreadGuest} recording: its thread's previous request, -1 for a thread's first. */
export function twoThreadTruth(requests: readonly TraceRequest[]): number[] {
  const last = new Map<boolean, number>();
  return requests.map((r, j) => {
    const thread = r.offset >= 2 ** 30;
    const previous = last.get(thread) ?? -1;
    last.set(thread, j);
    return previous;
  });
}
