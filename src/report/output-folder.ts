/**
 * Where rtolab may write a results folder. A folder is only ever replaced (run, cachesim, plan)
 * or filled (sweep, merge) when rtolab wrote it itself or it is empty: a user's own folder, a
 * file, a filesystem root, the current folder or one of its parents are refused with one line
 * before any simulation starts, so a mistyped `--out` never costs a user data or a long run.
 */
import { accessSync, constants, existsSync, lstatSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { InputError } from "../util/errors.ts";
import { isInside, realish } from "../util/paths.ts";
import { isRtolabFolder, RESULTS_MARKER, RESULTS_MARKER_TEXT } from "./folder-marker.ts";

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/** Throws unless the nearest existing ancestor of the missing `path` is a writable folder. */
function checkCreatable(target: string, path: string): void {
  let ancestor = dirname(path);
  for (;;) {
    try {
      const stats = lstatSync(ancestor);
      if (!stats.isDirectory() && !stats.isSymbolicLink()) throw Object.assign(new Error("not a folder"), { code: "ENOTDIR" });
      accessSync(ancestor, constants.W_OK);
      return;
    } catch (error) {
      const code = errorCode(error);
      if (code !== "ENOENT" || dirname(ancestor) === ancestor) throw new InputError(target, "", `a writable results folder (${code})`);
      ancestor = dirname(ancestor);
    }
  }
}

/** What a non-empty folder holds, in words: "thesis.tex" or "thesis.tex and 3 more". */
function holdings(entries: readonly string[]): string {
  const sorted = [...entries].sort();
  return sorted.length === 1 ? sorted[0] : `${sorted[0]} and ${sorted.length - 1} more`;
}

/**
 * Checks that rtolab may write the results folder `target` (replacing it whole, or adding job
 * files to it) and returns it. Throws an {@link InputError} (printed as one line, exit 2) when
 * `target` is empty, is or resolves to a filesystem root, is the current folder or one of its
 * parents, is a file or symbolic link, is a folder that is neither empty nor written by rtolab
 * (see {@link isRtolabFolder}), or cannot be created. `flag` names the option in the message
 * about an empty path.
 *
 * @example
 * import { mkdirSync, writeFileSync } from "node:fs";
 * checkOutputFolder(`${tmp}/mm1/s7-ab12cd34ef`) === `${tmp}/mm1/s7-ab12cd34ef` // => true // absent, empty or rtolab's
 * mkdirSync(`${tmp}/thesis`);
 * writeFileSync(`${tmp}/thesis/thesis.tex`, "");
 * checkOutputFolder(`${tmp}/thesis`) // throws `${tmp}/thesis: an empty folder or a results folder rtolab wrote (it holds thesis.tex, but no .rtolab-results marker; choose another --out)`
 * checkOutputFolder("", "--out") // throws "--out: a folder path, not an empty string"
 */
export function checkOutputFolder(target: string, flag = "--out"): string {
  if (target.trim() === "") throw new InputError(flag, "", "a folder path, not an empty string");
  if (target.includes("\0")) throw new InputError(flag, "", "a folder path without NUL characters");
  const path = resolve(target);
  const real = realish(path);
  if (dirname(path) === path || dirname(real) === real) throw new InputError(target, "", "a results folder, not a filesystem root");
  const cwd = process.cwd();
  if (isInside(path, cwd)) throw new InputError(target, "", `a results folder other than the current folder or one of its parents (${cwd})`);
  let stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    if (errorCode(error) !== "ENOENT") throw new InputError(target, "", `a writable results folder (${errorCode(error)})`);
    checkCreatable(target, path);
    return target;
  }
  if (stats.isSymbolicLink()) throw new InputError(target, "", "a results folder, not a symbolic link (rtolab replaces only folders it wrote)");
  if (!stats.isDirectory()) throw new InputError(target, "", "a results folder, not a file (rtolab never replaces a file with a folder)");
  let entries: string[];
  try {
    entries = readdirSync(path);
  } catch (error) {
    throw new InputError(target, "", `a writable results folder (${errorCode(error)})`);
  }
  if (entries.length > 0 && !isRtolabFolder(path)) {
    throw new InputError(target, "", `an empty folder or a results folder rtolab wrote (it holds ${holdings(entries)}, but no ${RESULTS_MARKER} marker; choose another ${flag})`);
  }
  return target;
}

/**
 * Creates the results folder `target` if needed and marks it as rtolab's, for commands that
 * fill a folder file by file (sweep, merge) rather than replace it whole. Call
 * {@link checkOutputFolder} first. Throws an {@link InputError} when it cannot be written.
 *
 * @example
 * import { isRtolabFolder } from "./folder-marker.ts";
 * markOutputFolder(checkOutputFolder(`${tmp}/mm1-load/sweep-s1-ab12cd34ef`));
 * isRtolabFolder(`${tmp}/mm1-load/sweep-s1-ab12cd34ef`) // => true
 */
export function markOutputFolder(target: string): void {
  const marker = join(target, RESULTS_MARKER);
  try {
    mkdirSync(target, { recursive: true });
    if (!existsSync(marker)) writeFileSync(marker, RESULTS_MARKER_TEXT);
  } catch (error) {
    throw new InputError(target, "", `a writable results folder (${errorCode(error)})`);
  }
}

/**
 * Checks, before any work, that rtolab may write the single file `target` (a JUnit report, a
 * baseline, a plan file) and returns it: a path that is not empty, not a folder, in a folder
 * that exists and can be written. Throws an {@link InputError} naming `flag` or the path.
 *
 * @example
 * checkOutputFile(`${tmp}/check.xml`, "--junit") === `${tmp}/check.xml` // => true
 * checkOutputFile(tmp, "--junit") // throws `${tmp}: a file to write (--junit), not a folder`
 * checkOutputFile(`${tmp}/no/check.xml`, "--junit") // throws `${tmp}/no/check.xml: a file in an existing folder (--junit; ${tmp}/no does not exist)`
 */
export function checkOutputFile(target: string, flag: string): string {
  if (target.trim() === "") throw new InputError(flag, "", "a file path, not an empty string");
  if (target.includes("\0")) throw new InputError(flag, "", "a file path without NUL characters");
  const path = resolve(target);
  try {
    if (lstatSync(path).isDirectory()) throw new InputError(target, "", `a file to write (${flag}), not a folder`);
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (errorCode(error) !== "ENOENT") throw new InputError(target, "", `a writable file (${flag}; ${errorCode(error)})`);
  }
  const folder = dirname(path);
  try {
    if (!statSync(folder).isDirectory()) throw Object.assign(new Error("not a folder"), { code: "ENOTDIR" });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    const code = errorCode(error);
    const reason = code === "ENOENT" ? `${dirname(target)} does not exist` : code === "ENOTDIR" ? `${dirname(target)} is not a folder` : code;
    throw new InputError(target, "", `a file in an existing folder (${flag}; ${reason})`);
  }
  return target;
}

/**
 * Writes `content` to a file checked by {@link checkOutputFile}; a failure (the disk filled, the
 * folder vanished) is one InputError line, not a stack trace.
 *
 * @example
 * import { readFileSync } from "node:fs";
 * writeOutputFile(`${tmp}/check.xml`, "<testsuites/>\n");
 * readFileSync(`${tmp}/check.xml`, "utf8") // => "<testsuites/>\n"
 */
export function writeOutputFile(target: string, content: string | Uint8Array): void {
  try {
    writeFileSync(target, content);
  } catch (error) {
    throw new InputError(target, "", `a writable file (${errorCode(error)})`);
  }
}
