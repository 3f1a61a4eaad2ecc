import { BlockSet } from "../traces/block-set.ts";
import { readFileSync, writeFileSync } from "node:fs";
import { InputError } from "../../util/errors.ts";
import { PROFILE_VERSION, type Profile } from "./types.ts";

/**
 * A profile as JSON text (one line per field, arrays on one line each), ending in a newline.
 *
 * @example
 * profileToJson({ version: 1, blockSize: 4096, runs: 1, blocks: [3], runCounts: [1] })
 * // => '{\n  "version": 1,\n  "blockSize": 4096,\n  "runs": 1,\n  "blocks": [3],\n  "runCounts": [1]\n}\n'
 */
export function profileToJson(profile: Profile): string {
  const { version, blockSize, runs, blocks, runCounts } = profile;
  return [
    "{",
    `  "version": ${version},`,
    `  "blockSize": ${blockSize},`,
    `  "runs": ${runs},`,
    `  "blocks": ${JSON.stringify(blocks)},`,
    `  "runCounts": ${JSON.stringify(runCounts)}`,
    "}",
    "",
  ].join("\n");
}

function isInteger(value: unknown, minimum: number, maximum = Infinity): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= minimum && value <= maximum;
}

/**
 * Parses and checks a profile; `source` names the file in errors. Throws an {@link InputError}
 * naming the file, the field path and what was expected when anything is wrong.
 *
 * @example
 * profileFromJson('{"version":1,"blockSize":4096,"runs":1,"blocks":[3],"runCounts":[1]}', "p.json").blocks // => [3]
 * profileFromJson('{"version":2}', "p.json") // throws "p.json: version: 1 (the profile format this rtolab reads), got 2"
 */
export function profileFromJson(text: string, source: string): Profile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(source, "", `a JSON operational profile (${(error as Error).message})`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new InputError(source, "", "a JSON object with version, blockSize, runs, blocks and runCounts");
  }
  const record = data as Record<string, unknown>;
  if (record.version !== PROFILE_VERSION) {
    throw new InputError(source, "version", `${PROFILE_VERSION} (the profile format this rtolab reads), got ${JSON.stringify(record.version)}`);
  }
  const { blockSize, runs, blocks, runCounts } = record;
  if (!isInteger(blockSize, 1)) throw new InputError(source, "blockSize", "a positive integer (bytes)");
  if ((blockSize as number) % 512 !== 0) throw new InputError(source, "blockSize", `a whole number of 512-byte sectors (bytes), got ${blockSize as number}`);
  if (!isInteger(runs, 1)) throw new InputError(source, "runs", "a positive integer");
  if (!Array.isArray(blocks)) throw new InputError(source, "blocks", "an array of block numbers");
  if (!Array.isArray(runCounts) || runCounts.length !== blocks.length) {
    throw new InputError(source, "runCounts", `an array as long as blocks (${blocks.length})`);
  }
  const seen = new BlockSet();
  blocks.forEach((block: unknown, i) => {
    if (!isInteger(block, 0)) throw new InputError(source, `blocks[${i}]`, "a non-negative integer block number");
    if (seen.has(block)) throw new InputError(source, `blocks[${i}]`, `a block not listed before (${block} is)`);
    seen.add(block);
  });
  runCounts.forEach((count: unknown, i) => {
    if (!isInteger(count, 1, runs)) throw new InputError(source, `runCounts[${i}]`, `an integer from 1 to runs (${runs})`);
  });
  return { version: PROFILE_VERSION, blockSize, runs, blocks: blocks as number[], runCounts: runCounts as number[] };
}

/**
 * Writes `profile` to `path` as JSON (see {@link profileToJson}).
 *
 * @example
 * saveProfile(`${tmp}/vm1.profile.json`, learnProfile([boot1], { blockSize: 4096 }));
 * loadProfile(`${tmp}/vm1.profile.json`).runs // => 1
 */
export function saveProfile(path: string, profile: Profile): void {
  writeFileSync(path, profileToJson(profile));
}

/**
 * Reads a profile from `path`; throws an {@link InputError} (file, field path, expectation) on a
 * missing, unreadable or malformed file.
 *
 * @example
 * saveProfile(`${tmp}/vm1.profile.json`, learnProfile([boot1, boot1], { blockSize: 4096 }));
 * loadProfile(`${tmp}/vm1.profile.json`).runs // => 2
 */
export function loadProfile(path: string): Profile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new InputError(path, "", `a readable operational profile file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return profileFromJson(text, path);
}
