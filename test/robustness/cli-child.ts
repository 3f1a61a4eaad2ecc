/** Spawning the rtolab CLI as a child process, as a user runs it (for exit codes and signals). */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Absolute path of the repository. */
export const REPO = fileURLToPath(new URL("../..", import.meta.url));

const CLI = ["--import", "tsx", join(REPO, "src/cli/main.ts")];
/** The same, with the tsx loader by absolute URL, for children started outside the repository. */
const CLI_ABSOLUTE = ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href, join(REPO, "src/cli/main.ts")];

/**
 * Runs `rtolab ...args` to the end; returns its exit status and output.
 *
 * @example
 * rtolabSync("--version").stdout // => "0.1.0\n"
 */
export function rtolabSync(...args: string[]): { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  return rtolabIn(REPO, ...args);
}

/**
 * {@link rtolabSync} from the working folder `cwd` (relative paths in `args` start there).
 *
 * @example
 * rtolabIn("/tmp/a/b", "run", `${REPO}/scenarios/validation/mm1.yaml`, "--out", "../../a").status // => 2
 */
export function rtolabIn(cwd: string, ...args: string[]): { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [...CLI_ABSOLUTE, ...args], { cwd, encoding: "utf8", env: { ...process.env, CI: "true" } });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** What a child did: exit status or the signal that ended it, and its stderr. */
export interface ChildEnd {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts `rtolab ...args` in the background.
 *
 * @example
 * const { child, ended } = rtolabChild("run", "scenarios/validation/mm1.yaml"); child.kill("SIGINT"); (await ended).signal // => "SIGINT"
 */
export function rtolabChild(...args: string[]): { child: ChildProcess; ended: Promise<ChildEnd> } {
  const child = spawn(process.execPath, [...CLI, ...args], { cwd: REPO, env: { ...process.env, CI: "true" } });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<ChildEnd>((resolve) => child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr })));
  return { child, ended };
}

/**
 * The exit code a shell reports: the status, or 128 + the signal number when a signal ended it.
 *
 * @example
 * shellExitCode({ status: null, signal: "SIGTERM", stdout: "", stderr: "" }) // => 143
 */
export function shellExitCode(end: ChildEnd): number | null {
  if (end.signal === "SIGINT") return 130;
  if (end.signal === "SIGTERM") return 143;
  return end.status;
}
