import { describe, expect, it } from "vitest";
import { DISK_SCHEDULERS, pickDiskRequest } from "../../../src/models/devices/disk-scheduling.ts";

describe("pickDiskRequest", () => {
  it("pickDiskRequest(policy, cylinders, head, direction) follows each policy", () => {
    const queue = [10, 50, 40, 44];
    expect(pickDiskRequest("fifo", queue, 45, 1)).toEqual({ index: 0, direction: 1 });
    expect(pickDiskRequest("sstf", queue, 45, 1)).toEqual({ index: 3, direction: 1 });
    expect(pickDiskRequest("scan", queue, 45, 1)).toEqual({ index: 1, direction: 1 });
    expect(pickDiskRequest("scan", queue, 45, -1)).toEqual({ index: 3, direction: -1 });
    expect(pickDiskRequest("scan", [10, 40], 45, 1)).toEqual({ index: 1, direction: -1 });
    expect(pickDiskRequest("clook", [10, 40], 45, 1)).toEqual({ index: 0, direction: 1 });
  });

  it("pickDiskRequest() breaks ties by arrival and counts a request at the head as ahead either way", () => {
    // 40 and 50 are both 5 away from 45: sstf takes the earlier arrival.
    expect(pickDiskRequest("sstf", [50, 40], 45, 1)).toEqual({ index: 0, direction: 1 });
    expect(pickDiskRequest("sstf", [40, 50], 45, 1)).toEqual({ index: 0, direction: 1 });
    expect(pickDiskRequest("scan", [30, 45], 45, -1)).toEqual({ index: 1, direction: -1 });
    expect(pickDiskRequest("clook", [30, 45, 45], 45, -1)).toEqual({ index: 1, direction: 1 });
    // clook wraps to the lowest cylinder, the earliest of equal ones.
    expect(pickDiskRequest("clook", [20, 5, 5], 45, 1)).toEqual({ index: 1, direction: 1 });
  });

  it("an elevator sweep serves 10, 50, 40, 44 from 45 going up as 50, then 44, 40, 10", () => {
    const queue = [10, 50, 40, 44];
    let head = 45;
    let direction: 1 | -1 = 1;
    const order: number[] = [];
    while (queue.length > 0) {
      const choice = pickDiskRequest("scan", queue, head, direction);
      [head] = queue.splice(choice.index, 1);
      direction = choice.direction;
      order.push(head);
    }
    expect(order).toEqual([50, 44, 40, 10]);
    expect(DISK_SCHEDULERS).toEqual(["fifo", "sstf", "scan", "clook"]);
  });
});
