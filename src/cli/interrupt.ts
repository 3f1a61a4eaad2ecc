/**
 * Ctrl-C and SIGTERM for commands that write results. Node runs a signal listener only between
 * synchronous tasks, so the design is:
 *
 * - `run` and `sweep` simulate on worker threads while the main thread waits, so a listener
 *   installed before the simulation answers at once: it says what was saved (for `run`:
 *   nothing, and how many replications had finished; for `sweep`: the finished jobs, which a
 *   rerun resumes) and exits with 128 + the signal number (130, 143).
 * - `plan` runs each configuration's replications on one worker pool and writes its folder only
 *   at the end, so it answers at once with "nothing saved" and how many configurations had been
 *   evaluated; with `--workers 0` it answers between configurations.
 * - `run --workers 0` simulates in the main thread: the listener then runs only after the
 *   simulation. Nothing has been written before the end of a run, so nothing partial is left.
 * - a signal arriving during the (synchronous, atomic) write of a results folder is held until
 *   the write is done, then reported ("results saved in ..."). A folder is therefore always
 *   whole or absent: never a `.tmp-*` or half-written folder.
 *
 * The listener is never removed once installed: removing it could drop a signal that arrived
 * during the write, and the command exits soon after anyway. A repeated signal (Ctrl-C reaches
 * both `bin/rtolab.js` and the CLI, and the launcher passes it on too) is ignored rather than
 * falling back to the default action, which would end the process without a word.
 */

/**
 * Exit codes by signal: 128 + the signal number, as shells report them.
 *
 * @example
 * SIGNAL_EXIT_CODES.SIGTERM // => 143
 */
export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/** A signal rtolab handles. */
export type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

/** What a command has saved so far, for the message on interrupt. */
export interface SavedReport {
  /** One line: "nothing saved" or "results saved in results/mm1/s7-ab12cd34ef". */
  (): string;
}

/** Options of {@link holdSignalsFromHere}, for tests. */
export interface InterruptOptions {
  exit?: (code: number) => void;
  write?: (line: string) => void;
}

/**
 * Installs SIGINT, SIGTERM and SIGHUP listeners that, when a signal arrives, write
 * `rtolab: interrupted by SIGINT; <saved()>` to stderr and exit with 130 (143 for SIGTERM, 129
 * for SIGHUP). Signals after the first are ignored.
 * Call it just before a command writes results; a signal during a synchronous write then takes
 * effect after the write.
 *
 * @example
 * // in a command: holdSignalsFromHere(() => saved); then saved = `results saved in ${folder}`
 * const lines: string[] = [];
 * const exits: number[] = [];
 * let saved = "nothing saved";
 * holdSignalsFromHere(() => saved, { write: (line) => lines.push(line), exit: (code) => exits.push(code) });
 * saved = "results saved in results/mm1/s7-ab12cd34ef";
 * process.emit("SIGINT"); // as on Ctrl-C
 * [lines, exits] // => [["rtolab: interrupted by SIGINT; results saved in results/mm1/s7-ab12cd34ef\n"], [130]]
 * // (here only) take the three listeners off again, so they do not outlive the example
 * for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.removeListener(signal, process.listeners(signal).at(-1) as () => void);
 */
export function holdSignalsFromHere(saved: SavedReport, options: InterruptOptions = {}): void {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  let interrupted = false;
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as HandledSignal[]) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      write(`rtolab: interrupted by ${signal}; ${saved()}\n`);
      if (options.exit) options.exit(SIGNAL_EXIT_CODES[signal]);
      else endBySignal(signal);
    });
  }
}

/**
 * Ends the process by `signal` itself, as an unhandled signal would (a shell then reports 128 +
 * its number, which `bin/rtolab.js` passes on). Why not `process.exit(130)`: under load, a run
 * interrupted while its worker threads were still starting ended once with status 134 (an abort
 * in Node's teardown of half-started workers, seen in CI); dying by the signal skips that
 * teardown. The line above was already written (stderr is synchronous on pipes and terminals).
 * Should the signal not end the process, the exit code still does, on the next turn.
 */
function endBySignal(signal: HandledSignal): void {
  for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
  process.kill(process.pid, signal);
  setImmediate(() => process.exit(SIGNAL_EXIT_CODES[signal]));
}
