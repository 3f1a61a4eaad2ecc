/** `rtolab chart RESULTS [--view NAME] [--format svg|png|html]`: re-render a results folder's views. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Argv } from "yargs";
import { readSweepResults, summarizePoints } from "../../lab/sweep/aggregate.ts";
import { writeFileAtomically } from "../../lab/sweep/jobs.ts";
import { sweepReportHtml, sweepViews } from "../../lab/sweep/views.ts";
import { isRtolabFolder, RESULTS_MARKER } from "../../report/folder-marker.ts";
import { readRunSummary } from "../../report/run-results.ts";
import { renderViews, runReportHtml, runViews, type NamedView } from "../../report/run-report.ts";
import type { ReportChart } from "../../report/html/report.ts";
import { InputError } from "../../util/errors.ts";
import { COMMANDS } from "./catalog.ts";

export interface ChartArguments {
  results: string;
  view?: string;
  format?: "svg" | "png" | "html";
}

/** Adds the `chart` command to a yargs instance. */
export function chartCommand<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    COMMANDS.chart.usage,
    COMMANDS.chart.describe,
    (command) =>
      command
        .positional("results", { type: "string", demandOption: true, describe: "results folder of rtolab run or rtolab sweep" })
        .option("view", { type: "string", describe: "only this view (e.g. metrics, latency, surface-waitMean)" })
        .option("format", { choices: ["svg", "png", "html"] as const, describe: "only this format (default: .vl.json, .svg, .png and report.html)" })
        .example("$0 chart results/mm1/s7-ab12cd34ef --view metrics --format svg", "one SVG"),
    (argv) => executeChart(argv as unknown as ChartArguments),
  );
}

/**
 * The views of a folder plus how to build its report page from rendered charts. The folder
 * must be one rtolab wrote (`isRtolabFolder`), since charts and report.html are written into it.
 */
function folderViews(folder: string): { views: NamedView[]; report: (charts: readonly ReportChart[]) => string } {
  const isResults = existsSync(join(folder, "sweep.json")) || existsSync(join(folder, "metrics.csv"));
  if (isResults && !isRtolabFolder(folder)) {
    throw new InputError(folder, "", `a results folder rtolab wrote (it has no ${RESULTS_MARKER} marker and holds files rtolab did not write; charts and report.html are written into it)`);
  }
  if (existsSync(join(folder, "sweep.json"))) {
    const sweep = readSweepResults(folder);
    const summaries = summarizePoints(sweep);
    return { views: sweepViews(sweep.manifest, summaries), report: (charts) => sweepReportHtml(sweep.manifest, summaries, charts) };
  }
  if (!existsSync(join(folder, "metrics.csv"))) throw new InputError(folder, "", "a results folder of rtolab run (metrics.csv) or rtolab sweep (sweep.json)");
  if (existsSync(join(folder, "summary.json"))) readRunSummary(folder);
  const files = new Map(readdirSync(folder).filter((name) => name.endsWith(".csv") || name === "summary.json").map((name) => [name, readFileSync(join(folder, name), "utf8")]));
  return { views: runViews(files), report: (charts) => runReportHtml(files, charts) };
}

/** Renders the chosen views and formats into the folder and lists the files written. */
export async function executeChart(args: ChartArguments): Promise<void> {
  const { views, report } = folderViews(args.results);
  const chosen = args.view === undefined ? views : views.filter((view) => view.name === args.view);
  if (chosen.length === 0) throw new InputError("--view", args.view ?? "", `one of ${views.map((view) => view.name).join(", ")}`);
  const formats = args.format === undefined ? (["vl.json", "svg", "png"] as const) : args.format === "html" ? ([] as const) : ([args.format] as const);
  const rendered = await renderViews(chosen, formats);
  const written = [...rendered.files.keys()];
  for (const [name, content] of rendered.files) writeFileAtomically(args.results, name, content);
  if (args.format === undefined || args.format === "html") {
    writeFileAtomically(args.results, "report.html", report(rendered.charts));
    written.push("report.html");
  }
  for (const name of written) console.log(join(args.results, name));
}
