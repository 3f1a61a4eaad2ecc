import { fstatSync, openSync, closeSync } from "node:fs";
import { InputError } from "../../util/errors.ts";

/**
 * Opens a trace file for reading and returns its descriptor. Throws an {@link InputError}
 * naming the file when it cannot be opened (`ENOENT`, `EACCES`, ...) or is a folder, so a bad
 * path on the command line or in a scenario is exit code 2, not a crash.
 *
 * @example
 * import { closeSync } from "node:fs";
 * const fd = openTraceFile("traces/boot1.csv"); // a file descriptor
 * Number.isInteger(fd) // => true
 * closeSync(fd);
 * openTraceFile("no-such.csv"); // throws "no-such.csv: a readable trace file (ENOENT)"
 */
export function openTraceFile(path: string): number {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new InputError(path, "", `a readable trace file (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
  if (fstatSync(fd).isDirectory()) {
    closeSync(fd);
    throw new InputError(path, "", "a trace file, not a folder");
  }
  return fd;
}
