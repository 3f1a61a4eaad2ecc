/**
 * Warnings about a loaded scenario that do not stop it: one line each on stderr before `run`,
 * `plan` or `check` runs it, none under `--quiet`.
 */
import { uncalibratedCoarseWarning } from "../lab/kinds/fleet.ts";
import type { LoadedScenario } from "../scenario/load.ts";

/**
 * The warnings of `loaded` (each once, whichever variants raise it), as the lines to print:
 * today a fleet whose instant restores run the un-calibrated coarse model, naming the
 * `rtolab fleet calibrate` command for `file`.
 *
 * @example
 * import { loadScenario } from "../lab/load.ts";
 * scenarioWarnings(loadScenario("scenarios/fleet/mass-restore.yaml"), "scenarios/fleet/mass-restore.yaml") // => [] // the pipeline
 * scenarioWarnings(loadScenario("scenarios/fleet/toy-restore.yaml"), "scenarios/fleet/toy-restore.yaml")
 * // => ["rtolab: warning: scenarios/fleet/toy-restore.yaml: instant restores run the coarse flow model without restore.coarseFit: its un-calibrated parameters disagree with the pipeline; `rtolab fleet calibrate scenarios/fleet/toy-restore.yaml` fits them"]
 */
export function scenarioWarnings(loaded: LoadedScenario, file: string): string[] {
  const warnings = new Set<string>();
  for (const variant of loaded.variants) {
    const warning = uncalibratedCoarseWarning(variant.scenario.model as Parameters<typeof uncalibratedCoarseWarning>[0]);
    if (warning !== undefined) warnings.add(`rtolab: warning: ${file}: ${warning.replace("SCENARIO", file)}`);
  }
  return [...warnings];
}

/**
 * Prints {@link scenarioWarnings} on stderr unless `quiet`.
 *
 * @example
 * import { loadScenario } from "../lab/load.ts";
 * warnAboutScenario(loadScenario("scenarios/fleet/toy-restore.yaml"), "scenarios/fleet/toy-restore.yaml", true) // => undefined // quiet: nothing printed
 */
export function warnAboutScenario(loaded: LoadedScenario, file: string, quiet: boolean): void {
  if (quiet) return;
  for (const line of scenarioWarnings(loaded, file)) process.stderr.write(`${line}\n`);
}
