/**
 * Recognising the folders rtolab wrote. Every results folder rtolab writes (run, sweep, merge,
 * cachesim, plan, a sweep's `charts/`) carries a small marker file, `.rtolab-results`; only such
 * folders (and empty ones) may be replaced or filled, so a user's own folder is never touched.
 * Folders written before the marker existed are recognised by their contents (see
 * {@link isRtolabFolder}).
 */
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Name of the marker file inside every results folder rtolab writes. */
export const RESULTS_MARKER = ".rtolab-results";

/** Content of the marker file: constant, so results folders stay byte-identical across runs. */
export const RESULTS_MARKER_TEXT = "This folder was written by rtolab, which replaces it on the next run into this path.\n";

/** Names rtolab writes at the top of a results folder (before the marker existed). */
const LEGACY_NAMES = /^(summary\.json|sweep\.json|report\.html|charts|points|.+\.(csv|vl\.json|svg|png)|.+\.tmp-\d+-\d+)$/;

function isFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(path, "utf8"));
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A folder of an older rtolab: only names rtolab writes, and a file only rtolab writes. */
function isLegacyRtolabFolder(folder: string, entries: readonly string[]): boolean {
  if (entries.length === 0 || !entries.every((name) => LEGACY_NAMES.test(name))) return false;
  const summary = entries.includes("summary.json") ? readJson(join(folder, "summary.json")) : undefined;
  if (summary && typeof summary.rtolab === "string" && typeof summary.fingerprint === "string") return true;
  const sweep = entries.includes("sweep.json") ? readJson(join(folder, "sweep.json")) : undefined;
  if (sweep && typeof sweep.hash === "string" && Array.isArray(sweep.points)) return true;
  if (entries.includes("plan.csv") && entries.includes("frontier.csv")) return true;
  if (entries.includes("cachesim.csv")) return true;
  // A `charts/` folder: chart files only, with their Vega-Lite specs.
  return entries.every((name) => /\.(vl\.json|svg|png)$/.test(name)) && entries.some((name) => name.endsWith(".vl.json"));
}

/**
 * True when `folder` is a folder rtolab wrote: it holds the {@link RESULTS_MARKER} file, or
 * (written by an rtolab without markers) only names rtolab writes plus a file only rtolab
 * writes (a summary.json with `rtolab` and `fingerprint`, a sweep.json manifest, plan.csv and
 * frontier.csv, cachesim.csv, or Vega-Lite chart specs). False for anything else, including a
 * missing folder.
 *
 * @example
 * import { markOutputFolder } from "./output-folder.ts";
 * markOutputFolder(`${tmp}/mm1`); // what rtolab does to the folders it writes
 * isRtolabFolder(`${tmp}/mm1`) // => true
 * import { homedir } from "node:os";
 * isRtolabFolder(homedir()) // => false
 */
export function isRtolabFolder(folder: string): boolean {
  let entries: string[];
  try {
    if (!lstatSync(folder).isDirectory()) return false;
    entries = readdirSync(folder);
  } catch {
    return false;
  }
  if (entries.includes(RESULTS_MARKER) && isFile(join(folder, RESULTS_MARKER))) return true;
  return isLegacyRtolabFolder(folder, entries);
}
