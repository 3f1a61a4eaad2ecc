/**
 * Writing a results folder so that it appears whole or not at all: files go to a temporary
 * sibling folder, which is renamed into place only after every file was written. Only a folder
 * rtolab wrote (or an empty one) is ever replaced: see `output-folder.ts`.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "../util/errors.ts";
import { RESULTS_MARKER, RESULTS_MARKER_TEXT } from "./folder-marker.ts";
import { cleanLeftovers } from "./leftovers.ts";
import { checkOutputFolder } from "./output-folder.ts";

/** File name (relative, may contain `/`) → content. */
export type FolderContents = Map<string, string | Uint8Array>;

/**
 * Writes `contents` to `target` atomically, replacing an existing folder of the same name if
 * rtolab wrote it, and marks the folder as rtolab's ({@link RESULTS_MARKER}). Before writing, it
 * tidies leftovers of interrupted writes in the parent folder (`cleanLeftovers`). Throws an
 * {@link InputError} when `target` may not be replaced (`checkOutputFolder`: a user's folder,
 * a file, the current folder, a root) or cannot be written (permissions, full disk), leaving
 * nothing partial behind.
 *
 * @example
 * import { readFileSync } from "node:fs";
 * writeFolderAtomically(`${tmp}/mm1/s7-ab12`, new Map([["summary.json", "{}"]]));
 * readFileSync(`${tmp}/mm1/s7-ab12/summary.json`, "utf8") // => "{}"
 */
export function writeFolderAtomically(target: string, contents: FolderContents): void {
  const parent = dirname(target);
  checkOutputFolder(target);
  cleanLeftovers(parent);
  const temporary = join(parent, `.tmp-${basename(target)}-${process.pid}`);
  const previous = join(parent, `.old-${basename(target)}-${process.pid}`);
  try {
    mkdirSync(parent, { recursive: true });
    rmSync(temporary, { recursive: true, force: true });
    mkdirSync(temporary);
    // The marker first: a leftover temporary folder is then recognisably rtolab's.
    writeFileSync(join(temporary, RESULTS_MARKER), RESULTS_MARKER_TEXT);
    for (const [name, content] of contents) {
      const file = join(temporary, name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    if (existsSync(target)) renameSync(target, previous);
    renameSync(temporary, target);
    rmSync(previous, { recursive: true, force: true });
  } catch (error) {
    cleanUp(temporary, previous, target);
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new InputError(target, "", `a writable results folder (${code})`);
  }
}

/** Best-effort undo after a failed write: drop the temporary folder, restore the previous one. */
function cleanUp(temporary: string, previous: string, target: string): void {
  try {
    rmSync(temporary, { recursive: true, force: true });
    if (existsSync(previous) && !existsSync(target)) renameSync(previous, target);
  } catch {
    // The location is unusable (not a directory, no permission): there is nothing to undo.
  }
}
