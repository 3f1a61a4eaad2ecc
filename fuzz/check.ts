/**
 * The property every fuzz target checks: an input either loads or fails with rtolab's own
 * one-line InputError that names the file (or flag) and a line, record or field, within a time
 * budget. Anything else (another exception, a multi-line message, a slow case) is a finding.
 */
import fc from "fast-check";
import { isInputError } from "../src/util/errors.ts";

/** Whole-input errors that rightly name no line, record or field (the file as a whole is wrong). */
const WHOLE_INPUT = /^(a trace in a known format|a mapping at the top level|valid JSON \((?!.*position)|valid YAML|a readable|a trace file, not a folder|a run within --max-events)/;

/** What one fuzz case did: loaded, or was refused with this InputError message. */
export type Outcome = { loaded: true } | { loaded: false; message: string };

/**
 * Runs `load` and checks the property: returns the outcome, throws an Error describing the
 * finding when `load` throws something other than an InputError from `sources`, when the
 * message spans lines or names no place, or when the case takes longer than `budgetMs`.
 *
 * @example
 * checkOutcome(["t.csv"], () => { throw new InputError("t.csv", "line 2", "op R, W or F"); })
 * // => { loaded: false, message: "t.csv: line 2: op R, W or F" }
 */
export function checkOutcome(sources: readonly string[] | ((source: string) => boolean), load: () => void, budgetMs = 2_000): Outcome {
  const named = typeof sources === "function" ? sources : (source: string) => sources.includes(source);
  const started = performance.now();
  let outcome: Outcome = { loaded: true };
  try {
    load();
  } catch (error) {
    if (!isInputError(error)) {
      throw new Error(`not an InputError: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    if (/[\n\r\u2028\u2029]/.test(error.message)) throw new Error(`message spans lines: ${JSON.stringify(error.message)}`);
    if (!named(error.source)) throw new Error(`message names ${JSON.stringify(error.source)}, not ${typeof sources === "function" ? "an input of this case" : sources.join(" or ")}: ${error.message}`);
    if (error.where === "" && !WHOLE_INPUT.test(error.expected)) throw new Error(`message names no line, record or field: ${error.message}`);
    outcome = { loaded: false, message: error.message };
  }
  const elapsed = performance.now() - started;
  if (elapsed > budgetMs) throw new Error(`took ${Math.round(elapsed)} ms (budget ${budgetMs} ms)`);
  return outcome;
}

/** One fuzz target: how to generate inputs and how to feed one to the code under test. */
export interface FuzzTarget<T> {
  name: string;
  arbitrary: fc.Arbitrary<T>;
  /** Feeds `input` to the code under test; throws (via {@link checkOutcome}) on a finding. */
  run(input: T): Outcome;
}

/** Counts of one target's run. */
export interface FuzzStats {
  name: string;
  cases: number;
  loaded: number;
  refused: number;
  failure?: string;
}

/**
 * Runs a target for `numRuns` cases from `seed` with fast-check; returns the counts and, on a
 * finding, fast-check's report (shrunk counterexample, seed and path to replay it).
 *
 * @example
 * runTarget(csvBytesTarget, { numRuns: 100, seed: 8 }) // => { name: "csv: random bytes", cases: 100, loaded: 0, refused: 100 }
 */
export function runTarget<T>(target: FuzzTarget<T>, options: { numRuns: number; seed: number }): FuzzStats {
  const stats: FuzzStats = { name: target.name, cases: 0, loaded: 0, refused: 0 };
  const result = fc.check(
    fc.property(target.arbitrary, (input) => {
      const outcome = target.run(input);
      if (outcome.loaded) stats.loaded++;
      else stats.refused++;
    }),
    { numRuns: options.numRuns, seed: options.seed },
  );
  stats.cases = result.numRuns;
  if (result.failed) {
    const error = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    stats.failure = `${fc.defaultReportMessage(result) ?? "failed"}\nError: ${error}`;
  }
  return stats;
}

/**
 * Random edits of a valid input: bytes flipped, inserted or deleted, then maybe truncated, so
 * the mutants are mostly valid up to a point and then broken in one place.
 *
 * @example
 * fc.sample(mutatedBytes(Buffer.from("t_us,op\n")), 1)[0] // => a Buffer like "t_uX,op\n"
 */
export function mutatedBytes(base: Uint8Array): fc.Arbitrary<Buffer> {
  const edit = fc.record({
    kind: fc.constantFrom("flip", "set", "insert", "delete"),
    at: fc.nat({ max: Math.max(0, base.length - 1) }),
    byte: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...Buffer.from(",\n\r.-+e 0129RWFDQC\u00ff"))),
  });
  return fc.tuple(fc.array(edit, { minLength: 1, maxLength: 8 }), fc.option(fc.nat({ max: base.length }), { freq: 3 })).map(([edits, cut]) => {
    const bytes = [...base];
    for (const { kind, at, byte } of edits) {
      const i = Math.min(at, bytes.length);
      if (kind === "flip" && i < bytes.length) bytes[i] ^= 1 << (byte % 8);
      else if (kind === "set" && i < bytes.length) bytes[i] = byte;
      else if (kind === "insert") bytes.splice(i, 0, byte);
      else if (kind === "delete") bytes.splice(i, 1);
    }
    return Buffer.from(cut === null ? bytes : bytes.slice(0, cut));
  });
}
