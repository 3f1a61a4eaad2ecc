import { Simulation } from "../../src/kernel/simulation.ts";
import { RecordedDevice, type RecordedOptions } from "../../src/models/devices/recorded.ts";
import { startGuestReplay, submitTo } from "../../src/workloads/replay/driver.ts";
import { inferReplayPlan } from "../../src/workloads/replay/plan.ts";
import type { WhatIfPair } from "../../src/workloads/replay/validate.ts";
import { readRtolabCsv } from "../../src/workloads/traces/rtolab-csv.ts";
import { tracePath } from "../workloads/fixtures.ts";

/**
 * A shipped boot replayed by the prior model (rules 1–5) on the recorded device with `disk`'s
 * slowdown (a delay, nbdkit's rate filter), written down as a recording: each request's replayed
 * issue time and delivered latency, sorted by issue, cut at service ready; what each one
 * waited beyond its recorded latency; and the true dependency of each (the recording's index of
 * the request its plan waits for, -1 for none): what an inference from the recording should find.
 */
export function modelRoundTrip(
  name: string, readyUs: number, disk: Partial<RecordedOptions>,
): { base: WhatIfPair["base"]; recording: WhatIfPair["delayed"]; trueWaitsUs: number[]; trueDeps: number[] } {
  const requests = [...readRtolabCsv(tracePath(`${name}.csv`))];
  const plan = inferReplayPlan(requests);
  const sim = new Simulation();
  const device = new RecordedDevice(sim, "vm.disk", disk);
  const replay = startGuestReplay(sim, { plan, submit: submitTo(device, plan.requests), milestones: { serviceReady: readyUs }, stopAtUs: readyUs });
  sim.run();
  const replayed = Array.from({ length: replay.total }, (_, i) => {
    const issueNs = replay.issueNs(i) ?? 0;
    const latencyUs = ((replay.completionNs(i) ?? 0) - issueNs) / 1000;
    return { source: i, request: { ...requests[i], timeUs: issueNs / 1000, latencyUs }, waitUs: latencyUs - (requests[i].latencyUs ?? 0) };
  }).sort((a, b) => a.request.timeUs - b.request.timeUs);
  const position = new Map(replayed.map((r, p) => [r.source, p]));
  return {
    base: { name, requests, serviceReadyUs: readyUs },
    recording: { name: `${name} replayed slower`, requests: replayed.map((r) => r.request), serviceReadyUs: (replay.milestoneNs("serviceReady") ?? 0) / 1000 },
    trueWaitsUs: replayed.map((r) => r.waitUs),
    trueDeps: replayed.map((r) => (plan.dep[r.source] < 0 ? -1 : (position.get(plan.dep[r.source]) ?? -1))),
  };
}


/** nbdkit's rate filter at `rate` bytes/s with its default 2 s of burst, as RecordedDevice options. */
export function rateFilter(rate: number): Partial<RecordedOptions> {
  return { rateLimit: rate, burstiness: 2e9 };
}
