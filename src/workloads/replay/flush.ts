/**
 * Rule 2's exception: a flush waits for the writes it makes durable (docs/replay.md, E2).
 *
 * A disk's cache flush makes durable only the writes that have *completed*, so the guest's
 * filesystem submits it after waiting for them: ext4's journal thread writes the transaction's
 * blocks, waits, then issues the commit with a pre-flush; `fsync` writes the file's pages, waits,
 * then flushes. Nobody else waits for those writes (rule 2), but the flush does, and whoever
 * waits for the flush (rule 3 counts flushes) waits for them through it. In the slowed boots 39
 * of the 41 flushes that had writes since the previous flush were issued after every one of
 * those writes had completed, 0.2–15 ms after the last (+5, +20 and +2 ms per write).
 */
import type { TraceRequest } from "../traces/types.ts";

/**
 * The write that flush `j` waited for: of the writes issued since the flush before it, the one
 * that completed last, if it completed by the time `j` was issued; -1 when `j` is not a flush,
 * no write came since the previous flush, or the latest-completing one was still outstanding
 * (the flush was not waiting for it).
 *
 * @example
 * const requests = [
 *   { timeUs: 0, op: "W", offset: 0, length: 4096, latencyUs: 30 },
 *   { timeUs: 5, op: "W", offset: 4096, length: 4096, latencyUs: 10 },
 *   { timeUs: 40, op: "F", offset: 0, length: 0, latencyUs: 300 },
 * ] as const;
 * flushedWrite(requests, new Float64Array([0, 5, 40]), new Float64Array([30, 15, 340]), 2) // => 0
 */
export function flushedWrite(requests: readonly TraceRequest[], issue: Float64Array, completion: Float64Array, j: number): number {
  if (requests[j].op !== "F") return -1;
  let latest = -1;
  for (let i = j - 1; i >= 0 && requests[i].op !== "F"; i--) {
    if (requests[i].op === "W" && (latest < 0 || completion[i] > completion[latest])) latest = i;
  }
  return latest >= 0 && completion[latest] <= issue[j] ? latest : -1;
}
