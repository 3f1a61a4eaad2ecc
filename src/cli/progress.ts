/**
 * A progress line for long runs on a terminal. Silent under CI, with --quiet, or when stderr is
 * not a terminal, and for runs shorter than a couple of seconds. (Wall clock is fine here: this
 * is the CLI, outside the simulation.)
 */
export interface Progress {
  update(fraction: number, detail?: string): void;
  done(): void;
}

/**
 * Creates a progress reporter writing to stderr.
 *
 * @example
 * const progress = createProgress("mm1", { quiet: true }); progress.update(0.5); progress.done();
 */
export function createProgress(label: string, options: { quiet?: boolean; delayMs?: number } = {}): Progress {
  const enabled = !options.quiet && !process.env.CI && process.stderr.isTTY === true;
  const started = Date.now();
  const delayMs = options.delayMs ?? 2000;
  let lastDraw = 0;
  let drawn = false;
  // The ETA is the rate since the first report: what came before it (loading the scenario and
  // its traces, starting worker threads) is not part of the work still to do.
  let firstAt = -1;
  let firstFraction = 0;
  return {
    update(fraction, detail) {
      if (!enabled) return;
      const now = Date.now();
      if (firstAt < 0) {
        firstAt = now;
        firstFraction = fraction;
      }
      if (now - started < delayMs || now - lastDraw < 200) return;
      lastDraw = now;
      drawn = true;
      const elapsed = (now - started) / 1000;
      const eta = fraction > firstFraction && now > firstAt ? ((now - firstAt) / 1000 / (fraction - firstFraction)) * (1 - fraction) : NaN;
      const width = 24;
      const filled = Math.round(Math.min(1, fraction) * width);
      const bar = "#".repeat(filled) + "-".repeat(width - filled);
      const etaText = Number.isFinite(eta) ? `, ETA ${eta.toFixed(0)}s` : "";
      process.stderr.write(`\r${label} [${bar}] ${(fraction * 100).toFixed(0)}%${detail ? ` ${detail}` : ""} (${elapsed.toFixed(0)}s${etaText})\x1b[K`);
    },
    done() {
      if (drawn) process.stderr.write("\r\x1b[K");
    },
  };
}
