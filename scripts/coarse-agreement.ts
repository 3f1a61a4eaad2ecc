/**
 * Coarse (calibrated, `restore.coarseFit`) vs pipeline TTS p95 of a fleet scenario at MA/VSA
 * configurations (issue 16 item 2), restore phase only, on the scenario's seed:
 * `npx tsx scripts/coarse-agreement.ts scenarios/fleet/mass-restore.yaml 1/4,2/8,4/2 [replications]`.
 */
import { dirname } from "node:path";
import { runFleetReplication } from "../src/lab/kinds/fleet.ts";
import type { FleetModel } from "../src/lab/kinds/fleet/schema.ts";
import { loadScenario } from "../src/lab/load.ts";
import { replicationSeed } from "../src/lab/run.ts";
import { RngStreams } from "../src/kernel/rng.ts";
import { baseVariantOnly } from "../src/scenario/load.ts";

const [file, configs = "1/4,2/8,4/2", reps = "1"] = process.argv.slice(2);
const loaded = baseVariantOnly(loadScenario(file));
const pipeline = loaded.variants[0].scenario.model as FleetModel;
const coarse: FleetModel = { ...pipeline, restore: pipeline.restore && { ...pipeline.restore, pipeline: undefined } };
const p95 = (model: FleetModel, ma: number, vsa: number): number => {
  const m: FleetModel = { ...model, backup: undefined, mediaAgents: { ...model.mediaAgents, count: ma }, vsas: { ...model.vsas, count: vsa } };
  let sum = 0;
  for (let r = 0; r < Number(reps); r++) {
    const result = runFleetReplication(m, { replication: r, streams: new RngStreams(replicationSeed(loaded.scenario.seed, r)), scenarioDir: dirname(file) });
    sum += Number(result.metrics.find((x) => x.name === "tts.p95")?.value);
  }
  return sum / Number(reps);
};
console.log("MAs/VSAs  pipeline  coarse  difference  (TTS p95, min)");
for (const config of configs.split(",")) {
  const [ma, vsa] = config.split("/").map(Number);
  const real = p95(pipeline, ma, vsa);
  const fitted = p95(coarse, ma, vsa);
  console.log(`${config.padEnd(8)}  ${real.toFixed(2).padStart(8)}  ${fitted.toFixed(2).padStart(6)}  ${(100 * (fitted / real - 1)).toFixed(1).padStart(9)}%`);
}
