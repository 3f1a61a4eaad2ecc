/**
 * Loading a scenario with rtolab's own model kinds (lab/kinds.ts). scenario/ cannot name the
 * kinds itself: they are built from the layers above it, so this is where the two meet.
 */
import { loadScenarioOf, type LoadedScenario } from "../scenario/load.ts";
import { modelKinds } from "./kinds.ts";

/**
 * Loads and validates a scenario file of any built-in model kind; throws an `InputError` naming
 * the file and field.
 *
 * @example
 * loadScenario("scenarios/validation/mm1.yaml", { sets: ["replications=5"] }).scenario.replications // => 5
 */
export function loadScenario(path: string, options: { sets?: readonly string[] } = {}): LoadedScenario {
  return loadScenarioOf(modelKinds, path, options);
}
