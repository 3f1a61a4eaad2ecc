/**
 * Loading a scenario with rtolab's own model kinds (lab/kinds.ts). scenario/ cannot name the
 * kinds itself: they are built from the layers above it, so this is where the two meet.
 */
import { loadScenarioOf, type LoadedScenario, type LoadOptions, type ScenarioSource } from "../scenario/load.ts";
import { modelKinds } from "./kinds.ts";

/**
 * Loads and validates a scenario of any built-in model kind: a file path, YAML or JSON text (a
 * string with a line break), or a document object; relative paths in text or an object resolve
 * in `options.baseDir` (default: the working folder). Throws an `InputError` naming the file
 * (or `(inline scenario)`) and field.
 *
 * @example
 * loadScenario("scenarios/validation/mm1.yaml", { sets: ["replications=5"] }).scenario.replications // => 5
 * const model = { kind: "queue-station", arrival: { distribution: "exponential", mean: "1.25ms" }, service: { distribution: "exponential", mean: "1ms" }, customers: 2000 };
 * loadScenario({ version: 1, name: "mm1-inline", model }).scenario.name // => "mm1-inline"
 * loadScenario("version: 1\nname: from-text\nmodel: { kind: queue-station, arrival: { distribution: exponential, mean: 1.25ms }, service: { distribution: exponential, mean: 1ms } }\n").scenario.name // => "from-text"
 */
export function loadScenario(source: ScenarioSource, options: LoadOptions = {}): LoadedScenario {
  return loadScenarioOf(modelKinds, source, options);
}
