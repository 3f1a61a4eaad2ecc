/** The `--max-memory` and `--max-events` flags of the commands that run scenarios (lab/resources.ts). */

/** What the flags hold once parsed. */
export interface ResourceArguments {
  maxMemory?: string;
  maxEvents?: number;
}

/**
 * The two options' yargs declarations, for `.option("max-memory", RESOURCE_OPTIONS.maxMemory)`.
 *
 * @example
 * RESOURCE_OPTIONS.maxMemory.type // => "string"
 */
export const RESOURCE_OPTIONS = {
  maxMemory: {
    type: "string",
    describe: "refuse, before running, a scenario whose estimated model state (all replications running at once) exceeds this size (default 4GiB)",
  },
  maxEvents: {
    type: "number",
    describe: "refuse, before running, a scenario whose estimated kernel events per replication exceed this (default 1e10)",
  },
} as const;
