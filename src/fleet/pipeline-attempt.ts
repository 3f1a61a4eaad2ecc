/**
 * One attempt of restoring a VM through the restore pipeline, as the fleet sees it. In a file of
 * its own, importing nothing, because both the fleet's task state (components.ts) and the
 * pipeline seam (pipeline.ts, which builds on components.ts) name it.
 */

/** One attempt of restoring a VM through the pipeline. */
export interface PipelineAttempt {
  /** Guest requests of the boot replay issued and completed so far (0 before power-on). */
  readonly issued: number;
  readonly completed: number;
  /** True once every boot request up to the service-ready cut has completed. */
  readonly finished: boolean;
  /**
   * How far the attempt has come, in [0, 1], for progress lines: its boot's requests completed
   * over its plan's count up to service ready; a full restore's copy and boot, half each.
   */
  progress(): number;
  /** Stops the attempt: its guest I/O and copy reads are refused from now on and its mount is released. */
  abort(): void;
  /**
   * The model band of the attempt's service ready (docs/replay.md), absolute simulated ns: when
   * the boot would have reached it under the chain and slack readings of its trace, with the
   * service times it was delivered. Undefined before service ready (and for pipelines without a
   * boot replay).
   */
  serviceReadyBandNs?(): { lower: number; upper: number } | undefined;
}
