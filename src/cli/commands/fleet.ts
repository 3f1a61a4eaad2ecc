/** `rtolab fleet calibrate <scenario> [-o FILE]`: fits the coarse fleet restore model to the scenario's restore pipeline (issue 16 item 2). */
import { writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Argv } from "yargs";
import { calibrateCoarse } from "../../lab/calibrate-coarse.ts";
import { formatCoarseFit } from "../../lab/kinds/fleet/coarse-fit.ts";
import type { FleetModel } from "../../lab/kinds/fleet/schema.ts";
import { loadScenario } from "../../lab/load.ts";
import { baseVariantOnly } from "../../scenario/load.ts";
import { InputError } from "../../util/errors.ts";
import { COMMANDS } from "./catalog.ts";

interface CalibrateArguments {
  action: "calibrate";
  scenario: string;
  out?: string;
  replications: number;
  seed?: number;
}

/**
 * Where the fit goes by default: beside the scenario, `<name>.coarse.yaml`.
 *
 * @example
 * defaultFitPath("scenarios/fleet/mass-restore.yaml") // => "scenarios/fleet/mass-restore.coarse.yaml"
 */
export function defaultFitPath(scenario: string): string {
  return join(dirname(scenario), `${basename(scenario).replace(/\.ya?ml$/, "")}.coarse.yaml`);
}

/** Adds `fleet calibrate`. */
export function fleetCommand<T>(cli: Argv<T>): Argv<T> {
  return cli.command(
    COMMANDS.fleet.usage,
    COMMANDS.fleet.describe,
    (command) =>
      command
        .positional("action", { choices: ["calibrate"] as const, demandOption: true })
        .positional("scenario", { type: "string", demandOption: true, describe: "fleet scenario with a restore.pipeline block" })
        .option("out", { alias: "o", type: "string", describe: "fit file (default <scenario>.coarse.yaml beside it; reference it as model.restore.coarseFit)" })
        .option("replications", { type: "number", default: 2, describe: "replications of each pipeline run" })
        .option("seed", { type: "number", describe: "master seed (default the scenario's)" })
        .example("$0 fleet calibrate scenarios/fleet/mass-restore.yaml", "write scenarios/fleet/mass-restore.coarse.yaml"),
    (argv) => {
      const args = argv as unknown as CalibrateArguments;
      if (!Number.isSafeInteger(args.replications) || args.replications < 1) throw new InputError("--replications", String(args.replications), "an integer of at least 1");
      const loaded = baseVariantOnly(loadScenario(args.scenario));
      const model = loaded.variants[0].scenario.model as { kind: string };
      if (model.kind !== "fleet") throw new InputError(args.scenario, "model.kind", "fleet (only the fleet kind has a coarse model)");
      const seed = args.seed ?? loaded.scenario.seed;
      const { fit, provenance } = calibrateCoarse(model as FleetModel, { source: basename(args.scenario), scenarioDir: dirname(args.scenario), seed, replications: args.replications });
      const out = args.out ?? defaultFitPath(args.scenario);
      writeFileSync(out, formatCoarseFit(fit, provenance));
      const types = Object.entries(fit.byType).map(([t, p]) => `${t} ${(p.workingSet / 1e6).toFixed(1)} MB + ${(p.think / 1e9).toFixed(1)} s`).join(", ");
      console.log(`${out}: slot ${(fit.slotTime / 1e9).toFixed(1)} s, media agent read ${(fit.maRead / 1e6).toFixed(1)} MB/s, ${types}`);
    },
  );
}
