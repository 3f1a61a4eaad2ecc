/** Disk queue scheduling policies the HDD model implements. */
export type DiskScheduler = "fifo" | "sstf" | "scan" | "clook";

/** The names, for definitions and error messages. */
export const DISK_SCHEDULERS: readonly DiskScheduler[] = ["fifo", "sstf", "scan", "clook"];

/** The choice of a scheduler: which queued request, and the arm's direction afterwards. */
export interface DiskChoice {
  index: number;
  /** +1 towards higher cylinders, −1 towards lower. */
  direction: 1 | -1;
}

/**
 * Picks the next request from a disk queue, given the cylinders of the queued requests (in
 * arrival order), the head's cylinder and its direction of travel. Ties go to the earliest
 * arrival, so every policy is deterministic.
 * - `fifo`: the oldest request.
 * - `sstf`: shortest seek first (nearest cylinder).
 * - `scan` (elevator): the nearest request ahead in the direction of travel; reverse when none.
 * - `clook`: the nearest request at or above the head; when none, jump to the lowest cylinder.
 *
 * @example
 * pickDiskRequest("scan", [10, 50, 40], 45, 1)  // => { index: 1, direction: 1 }
 * pickDiskRequest("scan", [10, 40], 45, 1)      // => { index: 1, direction: -1 }
 * pickDiskRequest("clook", [10, 40], 45, 1)     // => { index: 0, direction: 1 }
 */
export function pickDiskRequest(policy: DiskScheduler, cylinders: readonly number[], head: number, direction: 1 | -1): DiskChoice {
  switch (policy) {
    case "fifo":
      return { index: 0, direction };
    case "sstf":
      return { index: nearest(cylinders, head, 0), direction };
    case "scan": {
      const ahead = nearest(cylinders, head, direction);
      if (ahead >= 0) return { index: ahead, direction };
      const back = direction === 1 ? -1 : 1;
      return { index: nearest(cylinders, head, back), direction: back };
    }
    case "clook": {
      const ahead = nearest(cylinders, head, 1);
      if (ahead >= 0) return { index: ahead, direction: 1 };
      let lowest = 0;
      for (let i = 1; i < cylinders.length; i++) if (cylinders[i] < cylinders[lowest]) lowest = i;
      return { index: lowest, direction: 1 };
    }
  }
}

/**
 * Index of the queued cylinder nearest to `head`, only counting those at or beyond it in
 * `side` (+1 up, −1 down, 0 both); −1 when none qualifies.
 */
function nearest(cylinders: readonly number[], head: number, side: -1 | 0 | 1): number {
  let best = -1;
  let bestDistance = Infinity;
  for (let i = 0; i < cylinders.length; i++) {
    const delta = cylinders[i] - head;
    if ((side === 1 && delta < 0) || (side === -1 && delta > 0)) continue;
    const distance = Math.abs(delta);
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}
