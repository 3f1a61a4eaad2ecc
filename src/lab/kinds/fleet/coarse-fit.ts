/**
 * The coarse model's calibration file (`restore.coarseFit`, written by `rtolab fleet calibrate`):
 * the per-VM-type parameters fitted to the restore pipeline, with their provenance (scenario,
 * seed, replications, the pipeline runs they came from). YAML with units, as scenarios are.
 */
import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { parse as parseYaml, stringify } from "yaml";
import { z } from "zod";
import type { CoarseFit } from "../../../fleet/spec.ts";
import { issuesToInputError } from "../../../scenario/issues.ts";
import { duration, positiveRate, positiveSize } from "../../../scenario/fields.ts";
import { count } from "../../../scenario/fields.ts";
import { InputError } from "../../../util/errors.ts";

const run = z.strictObject({
  purpose: z.string(),
  mediaAgents: count(),
  vsas: count(),
  ttsP95: z.string().meta({ description: "the pipeline's TTS p95 of the run (mean over replications), for the record" }),
});

/** The file's schema. */
export const coarseFitSchema = z.strictObject({
  provenance: z.strictObject({
    scenario: z.string(),
    seed: z.number().int(),
    replications: count(),
    runs: z.array(run).min(1),
  }),
  slotTime: duration().meta({ description: "mount + register + power-on: the VSA slot's hold" }),
  maRead: positiveRate().meta({ description: "each media agent's effective restore read rate under saturation" }),
  byType: z.record(z.string(), z.strictObject({ workingSet: positiveSize(), readRate: positiveRate(), think: duration() })),
});

/** A calibration file's provenance. */
export type CoarseFitProvenance = z.output<typeof coarseFitSchema>["provenance"];

/**
 * Reads and checks a calibration file (`path` relative to `scenarioDir`); an InputError naming
 * the file and field otherwise.
 *
 * @example
 * loadCoarseFit("mass-restore.coarse.yaml", "scenarios/fleet").byType.win.workingSet > 1e8 // => true
 * loadCoarseFit("nope.yaml", "scenarios/fleet") // throws "scenarios/fleet/nope.yaml: (file): a readable calibration file (rtolab fleet calibrate writes one)"
 */
export function loadCoarseFit(path: string, scenarioDir: string): CoarseFit {
  const file = isAbsolute(path) ? path : join(scenarioDir, path);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new InputError(file, "(file)", "a readable calibration file (rtolab fleet calibrate writes one)");
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch {
    throw new InputError(file, "(file)", "YAML");
  }
  const parsed = coarseFitSchema.safeParse(raw);
  if (!parsed.success) throw issuesToInputError(file, parsed.error.issues);
  const { slotTime, maRead, byType } = parsed.data;
  return { slotTime, maRead, byType };
}

/**
 * A fit as the file's YAML text, with units (MB, s, MB/s), so it reads as a scenario does.
 *
 * @example
 * const text = formatCoarseFit({ slotTime: 33e9, maRead: 2.5e8, byType: { win: { workingSet: 1.2e8, readRate: 3e6, think: 0 } } }, { scenario: "s.yaml", seed: 1, replications: 2, runs: [{ purpose: "x", mediaAgents: 1, vsas: 2, ttsP95: "2min" }] });
 * text.includes("maRead: 250MB/s") // => true
 */
export function formatCoarseFit(fit: CoarseFit, provenance: CoarseFitProvenance): string {
  const mb = (bytes: number) => `${+(bytes / 1e6).toFixed(3)}MB`;
  const s = (ns: number) => `${+(ns / 1e9).toFixed(3)}s`;
  const rate = (bytesPerS: number) => `${+(bytesPerS / 1e6).toFixed(3)}MB/s`;
  const byType = Object.fromEntries(Object.entries(fit.byType).map(([type, p]) => [type, { workingSet: mb(p.workingSet), readRate: rate(p.readRate), think: s(p.think) }]));
  const body = { provenance, slotTime: s(fit.slotTime), maRead: rate(fit.maRead), byType };
  return `# The coarse fleet restore model fitted to the restore pipeline: written by rtolab fleet calibrate (do not edit by hand).\n${stringify(body, { lineWidth: 0 })}`;
}
