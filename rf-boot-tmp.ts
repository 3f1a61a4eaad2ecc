import { Simulation } from "./src/kernel/simulation.ts";
import { RecordedDevice, type RecordedOptions } from "./src/models/devices/recorded.ts";
import { startGuestReplay, submitTo } from "./src/workloads/replay/driver.ts";
import { inferReplayPlan } from "./src/workloads/replay/plan.ts";
import { readRtolabCsv } from "./src/workloads/traces/rtolab-csv.ts";
const READY: Record<string, number> = { g2boot1: 23_216_375, k2boot1: 18_864_750 };
function boot(name: string, options: Partial<RecordedOptions>) {
  const readyUs = READY[name];
  const plan = inferReplayPlan([...readRtolabCsv(`traces/${name}.csv`)]);
  const sim = new Simulation();
  const disk = new RecordedDevice(sim, "disk", options);
  const run = startGuestReplay(sim, { plan, submit: submitTo(disk, plan.requests), milestones: { serviceReady: readyUs }, stopAtUs: readyUs });
  sim.run();
  const issued = plan.requests.slice(0, run.total);
  const reads = issued.reduce((s, r) => s + (r.op === "R" ? r.length : 0), 0);
  const writes = issued.reduce((s, r) => s + (r.op === "W" ? r.length : 0), 0);
  const extra = issued.map((r, i) => run.completionNs(i)! - run.issueNs(i)! - Math.round((r.latencyUs ?? 0) * 1000 + (options.addedDelay ?? 0)));
  const waited = extra.filter((e) => e > 0).length;
  return { ready: run.milestoneNs("serviceReady")!, issued: run.total, reads, writes, waited, maxExtra: Math.max(...extra), meanExtra: Math.round(extra.reduce((a, b) => a + b, 0) / extra.length), min: Math.min(...extra) };
}
for (const name of ["g2boot1", "k2boot1"]) for (const mib of [4, 1]) {
  const fifo = boot(name, { bandwidth: mib * 2 ** 20 });
  const rf = boot(name, { rateLimit: mib * 2 ** 20 });
  console.log(name, mib, "fifo", fifo.ready, "rate", JSON.stringify(rf), (rf.ready / (READY[name] * 1000)).toFixed(4));
}
