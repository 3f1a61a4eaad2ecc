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
  return started(CLI, REPO, args);
}

/**
 * {@link rtolabIn} without blocking, so that independent runs overlap (a child's start-up under
 * tsx is mostly one thread: two at once take little longer than one on two cores).
 *
 * @example
 * const [a, b] = await Promise.all([rtolabAsync(REPO, "--version"), rtolabAsync("/tmp", "run", "x.yaml", "--out", "")]);
 * [a.status, a.stdout, b.status, b.stderr] // => [0, "0.1.0\n", 2, "rtolab: --out: a folder path, not an empty string\n"]
 */
export function rtolabAsync(cwd: string, ...args: string[]): Promise<ChildEnd> {
  return started(CLI_ABSOLUTE, cwd, args).ended;
}

/** `node <cli> ...args` started in `cwd` as CI runs it, with its output collected. */
function started(cli: readonly string[], cwd: string, args: readonly string[]): { child: ChildProcess; ended: Promise<ChildEnd> } {
  const child = spawn(process.execPath, [...cli, ...args], { cwd, env: { ...process.env, CI: "true" } });
  // Decoded whole at the end, as spawnSync does (a chunk may end inside a multi-byte character).
  const [stdout, stderr]: Buffer[][] = [[], []];
  child.stdout!.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr!.on("data", (chunk: Buffer) => stderr.push(chunk));
  const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString("utf8");
  const ended = new Promise<ChildEnd>((resolve) => child.on("close", (status, signal) => resolve({ status, signal, stdout: text(stdout), stderr: text(stderr) })));
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
