"""Writes the notebooks' .ipynb files from the cell sources below (outputs empty; run.sh fills them).

Edit the cells here or in Jupyter; if you edit here, run `python3 notebooks/make_notebooks.py`.
"""
import json, pathlib

KERNEL = {"kernelspec": {"name": "deno", "display_name": "Deno", "language": "typescript"},
          "language_info": {"name": "typescript", "file_extension": ".ts", "mimetype": "text/x.typescript"}}

def nb(cells):
    out = []
    for index, (kind, text) in enumerate(cells):
        cell = {"cell_type": kind, "id": f"cell-{index}", "metadata": {}, "source": text.strip("\n").splitlines(keepends=True)}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        out.append(cell)
    return {"cells": out, "metadata": KERNEL, "nbformat": 4, "nbformat_minor": 5}

COMMON = '''
// The rtolab library as any program imports it: the package "rtolab" (its built dist/, through
// package.json "exports"; notebooks/run.sh builds it when src/ is newer).
import {
  comparisonBars, compareValues, planSweep, readSweepResults, renderSvg, runSweep, summarizePoints, sweepViews,
  type PointSummary, type ReplicationValue,
} from "rtolab";
import type { TopLevelSpec } from "vega-lite";

/** Shows a chart inline: the SVG rendered by rtolab (same bytes as the report's charts). */
async function show(spec: TopLevelSpec): Promise<void> {
  Deno.jupyter.display({ "image/svg+xml": await renderSvg(spec) }, { raw: true });
}
/** Shows a markdown table. */
function table(header: string[], rows: (string | number)[][]): void {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  Deno.jupyter.display({ "text/markdown": [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\\n") }, { raw: true });
}
const fmt = (x: number | undefined) => (x === undefined ? "" : Number(x.toPrecision(4)).toString());
const metricOf = (s: PointSummary, name: string) => s.metrics.find((m) => m.name === name);
'''

prestaging = nb([
("markdown", '''
# Which pre-staging policy, for which secondary storage?

A VM restored by live mount boots straight from its backup copy: every block the guest reads
before it is pre-staged into the media agent's cache is read from secondary storage. Which
pre-staging policy pays off depends on that storage: a deduplicating HDD library pays seeks and
fragmentation, an object store pays a first-byte latency per request, a plain HDD pays seeks.

This notebook runs the sweep `scenarios/sweeps/prestaging-by-storage.yaml`: one Debian VM (real
boot trace `gboot1`, profile learned from the earlier boot `gboot0`), three secondary storages
(sweep `list`) × four policies (variants: none = lazy live mount, readahead, operational
profile, oracle bound). Every policy sees the same random streams (common random numbers).

**Re-run / extend**: edit the scenario's `sweep.list` (another storage: any device of
`rtolab schema`) or its variants, then *Run All*. Results land in
`results/notebooks/prestaging-by-storage/` (resumable: finished points are skipped).
'''),
("code", COMMON),
("code", '''
const plan = planSweep("../scenarios/sweeps/prestaging-by-storage.yaml");
const folder = "../results/notebooks/prestaging-by-storage";
// workers: 0 runs in the kernel's own thread (the CLI's `rtolab sweep` uses worker threads).
const stats = await runSweep(plan, folder, { workers: 0 });
const summaries = summarizePoints(readSweepResults(folder));
console.log(`${plan.manifest.points.length} points: ${stats.ran} run, ${stats.resumed} reused`);
'''),
("code", '''
// A readable name for each secondary storage of the sweep list.
const storageOf = (s: PointSummary): string => {
  const storage = s.point.values["model.mediaAgents.storage"] as { device: string; underlying?: { device: string } };
  return storage.underlying ? `${storage.device} on ${storage.underlying.device}` : storage.device;
};
const metrics = ["tts", "demandLatencyP99.beforeServiceReady", "bytesFromSecondary"];
table(["storage", "policy", ...metrics.map((m) => `${m} (${metricOf(summaries[0], m)?.unit ?? ""})`)],
  summaries.map((s) => [storageOf(s), s.point.variant, ...metrics.map((m) => fmt(metricOf(s, m)?.mean))]));
'''),
("code", '''
// Time to service per policy, one panel per storage.
await show(comparisonBars(
  summaries.map((s) => ({ strategy: s.point.variant, metric: storageOf(s), value: metricOf(s, "tts")?.mean ?? NaN, unit: "s" })),
  { title: "Time to service by pre-staging policy and secondary storage" },
));
'''),
("code", '''
// The answer, computed: per storage, the best non-oracle policy (lowest TTS, ties broken by the
// guest's p99 read latency before service ready) and how close it gets to the oracle.
const storages = [...new Set(summaries.map(storageOf))];
const answer = storages.map((storage) => {
  const mine = summaries.filter((s) => storageOf(s) === storage);
  const tts = (s: PointSummary) => metricOf(s, "tts")?.mean ?? Infinity;
  const lazy = mine.find((s) => s.point.variant === "lazy");
  const oracle = mine.find((s) => s.point.variant === "oracle");
  const p99 = (s: PointSummary) => metricOf(s, "demandLatencyP99.beforeServiceReady")?.mean ?? Infinity;
  const best = mine.filter((s) => s.point.variant !== "oracle").sort((a, b) => tts(a) - tts(b) || p99(a) - p99(b))[0];
  const gain = lazy ? (100 * (tts(lazy) - tts(best))) / tts(lazy) : NaN;
  return [storage, best.point.variant, fmt(tts(best)), `${fmt(gain)}%`, fmt(p99(best)), lazy ? fmt(p99(lazy)) : "", oracle ? fmt(tts(oracle)) : ""];
});
table(["storage", "best policy", "TTS (s)", "TTS saved vs lazy", "p99 before ready (ms)", "lazy p99 (ms)", "oracle TTS (s)"], answer);
'''),
("markdown", '''
**Reading it.** The gap between a policy and the oracle is what better prediction could still
win; the gap between lazy and the best policy is what pre-staging wins today. With one trace,
replications are identical in the parts the trace drives; add replications (and a stochastic
device such as the object store's first-byte latency) to get CIs, and compare two policies
paired with `rtolab compare <sweep folder> --variants lazy,profile`.
'''),
])

mass = nb([
("markdown", '''
# How many media agents for a 100-VM mass restore?

A site loses its primary storage and 100 VMs are restored at once by instant recovery. Each
media agent serves its VMs' reads from the backup library; too few agents and the VMs wait in
line, too many and the hardware idles. This notebook sweeps the media-agent count of
`scenarios/fleet/mass-restore.yaml` (the `fleet` model: estate, VSA coordinator, balancing
policies) from 1 to 8 under two balancing policies, three replications each, and finds the
smallest count that meets a time-to-service target. It runs the fleet's coarse restore model,
fast enough for a sweep, calibrated from the scenario's restore pipeline
(`scenarios/fleet/mass-restore.coarse.yaml`, written by `rtolab fleet calibrate`: the VSA slot
held through mount, register and power-on, each VM's ~110 MB boot read from its media agent at
the fitted rates), so it answers as the pipeline does: their TTS p95 agree within 10%
(`test/lab/calibrate-coarse.test.ts`; at 8 VSAs, pipeline vs coarse: 1 agent 2.00 vs 1.98 min,
2 agents 1.81 vs 1.76 min, 4 and 8 agents 1.77 vs 1.76 min). Before the calibration this
notebook answered 4 media agents (1.2 GB boots read at 300 MB/s per agent); the pipeline, and
now this notebook, answer 1 agent for a 5-minute target (every count meets it: the 64 VSA
slots, not the agents, set the second wave), and 2 agents for the 1.9-minute target below.

**Re-run / extend**: change `targetMinutes` below, the sweep grid in
`scenarios/sweeps/media-agents-mass-restore.yaml` (e.g. `model.mediaAgents.read`), or add a
balancing variant, then *Run All*.
'''),
("code", COMMON),
("code", '''
const targetMinutes = 1.9; // service-level target: p95 time to service of the 100 VMs (at 5 min every count passes)
const plan = planSweep("../scenarios/sweeps/media-agents-mass-restore.yaml");
const folder = "../results/notebooks/media-agents-mass-restore";
const stats = await runSweep(plan, folder, { workers: 0 });
const sweep = readSweepResults(folder);
const summaries = summarizePoints(sweep);
console.log(`${plan.manifest.points.length} points × ${plan.manifest.replications} replications: ${stats.ran} run, ${stats.resumed} reused`);
'''),
("code", '''
// p95 time to service against the number of media agents, with 95% CI bands.
const surface = sweepViews(sweep.manifest, summaries).find((view) => view.name === "surface-tts.p95");
if (surface) await show(surface.spec);
'''),
("code", '''
// The answer: per policy, the smallest count whose p95 TTS CI lies entirely under the target.
const count = (s: PointSummary) => s.point.values["model.mediaAgents.count"] as number;
const policies = [...new Set(summaries.map((s) => s.point.variant))];
table(["policy", "media agents", "tts.p95 (min)", "95% CI"], policies.map((policy) => {
  const ok = summaries.filter((s) => s.point.variant === policy).sort((a, b) => count(a) - count(b))
    .find((s) => (metricOf(s, "tts.p95")?.ci95[1] ?? Infinity) <= targetMinutes);
  const m = ok && metricOf(ok, "tts.p95");
  return [policy, ok ? count(ok) : `none up to ${Math.max(...summaries.map(count))}`, fmt(m?.mean), m ? `${fmt(m.ci95[0])} – ${fmt(m.ci95[1])}` : ""];
}));
'''),
("code", '''
// Paired comparison of the two policies at each count (same seeds per replication).
const values = (variant: string, n: number): ReplicationValue[] =>
  sweep.manifest.points.flatMap((point, i) => point.variant === variant && point.values["model.mediaAgents.count"] === n
    ? sweep.results[i].flatMap((r) => r.metrics.filter((m) => m.name === "tts.p95").map((m) => ({ group: `${n} MAs`, variant, replication: r.replication, metric: m.name, unit: m.unit, value: m.value })))
    : []);
for (const n of [...new Set(summaries.map(count))]) {
  for (const c of compareValues(values(policies[0], n), values(policies[1], n), { labelB: policies[1], paired: true })) console.log(`${c.group}: ${c.verdict}`);
}
'''),
])

here = pathlib.Path(__file__).parent
for name, book in [("prestaging-by-storage", prestaging), ("media-agents-mass-restore", mass)]:
    (here / f"{name}.ipynb").write_text(json.dumps(book, indent=1, ensure_ascii=False) + "\n")
