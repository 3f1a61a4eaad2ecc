#!/usr/bin/env node
// Thin launcher: run the CLI in one child process, and stay its faithful stand-in: SIGINT, SIGTERM
// and SIGHUP sent to this process are passed on to the child (which says what was saved and
// exits), this process waits for it and exits with the child's status, or 128 + the signal number
// if a signal ended it. So killing the launcher's PID never leaves a run going on in the background.
//
// The child runs the compiled CLI (dist/, `npm run build`) when there is one and it is not older
// than any file of src/ (an installed package ships dist/ only); otherwise the TypeScript sources
// under the tsx loader, so a checkout being edited never runs a stale build.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { constants } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const compiled = join(root, "dist", "cli", "main.js");
const source = join(root, "src", "cli", "main.ts");

/** The newest modification time (ms) of any file under `folder`. */
function newestIn(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

const useCompiled = existsSync(compiled) && (!existsSync(source) || newestIn(join(root, "src")) <= statSync(compiled).mtimeMs);
const args = useCompiled
  ? [compiled]
  : ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href, source];
const child = spawn(process.execPath, [...args, ...process.argv.slice(2)], { stdio: "inherit" });

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    // A Ctrl-C in a terminal reaches the child too; the CLI ignores a repeated signal.
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on("error", (error) => {
  process.stderr.write(`rtolab: cannot start node (${error.message})\n`);
  process.exit(1);
});
child.on("exit", (status, signal) => {
  process.exit(status ?? 128 + (constants.signals[signal] ?? 0));
});
