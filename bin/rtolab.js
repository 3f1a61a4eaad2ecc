#!/usr/bin/env node
// Thin launcher: run the TypeScript CLI under the tsx loader (Node 20 cannot strip types itself)
// in one child process, and stay its faithful stand-in: SIGINT, SIGTERM and SIGHUP sent to this
// process are passed on to the child (which says what was saved and exits), this process waits
// for it and exits with the child's status, or 128 + the signal number if a signal ended it.
// So killing the launcher's PID never leaves a run going on in the background.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { constants } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const loader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const child = spawn(process.execPath, ["--import", loader, join(here, "..", "src", "cli", "main.ts"), ...process.argv.slice(2)], { stdio: "inherit" });

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
