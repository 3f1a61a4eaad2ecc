/** Operation of a block request: read, write, or flush (flush has no offset/length meaning). */
export type BlockOp = "R" | "W" | "F";

/**
 * One block I/O request, as every trace reader yields it, whatever the file format.
 * Times are microseconds (the unit of every supported trace format); sizes are bytes.
 */
export interface TraceRequest {
  /** Issue time, microseconds since the trace's first request (readers rebase to 0). */
  timeUs: number;
  op: BlockOp;
  /** Byte offset on the (virtual) disk. */
  offset: number;
  /** Length in bytes. */
  length: number;
  /** Completion latency as recorded, microseconds, when the format has it. */
  latencyUs?: number;
  /**
   * oracleGeneral only: 1-based index of the next request to the same object (-1 if none),
   * as recorded in the file (used by Belady's OPT).
   */
  nextAccessIndex?: number;
}

/** The trace formats rtolab reads. */
export type TraceFormat = "csv" | "blkparse" | "msr" | "vscsi" | "oracleGeneral" | "nbdkitLog";
