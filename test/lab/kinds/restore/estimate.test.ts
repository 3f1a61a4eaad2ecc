import { describe, expect, it } from "vitest";
import { restoreNeeds } from "../../../../src/lab/kinds/restore/estimate.ts";
import { restoreSchema } from "../../../../src/lab/kinds/restore/schema.ts";

const MiB = 2 ** 20;
const GiB = 2 ** 30;

/** A restore model of `vms` VMs of 1 GiB disks in 1 MiB blocks (4 MiB chunks, the default). */
function spec(vms: Record<string, unknown>, rest: Record<string, unknown> = {}) {
  return restoreSchema.parse({ kind: "restore", vms: { trace: "t.csv", serviceReady: "1s", diskSize: "1GiB", blockSize: "1MiB", ...vms }, ...rest });
}

describe("restoreNeeds", () => {
  it("one VM, no service: 1024 blocks × 16 B, 256 chunks × 32 B, no requests", () => {
    const needs = restoreNeeds(spec({}));
    expect(needs).toEqual([
      { field: "model.vms.blockSize", what: "1024 blocks of 1 MiB on each 1 GiB disk", bytes: 1024 * 16, events: 0 },
      { field: "model.chunkSize", what: "256 chunks of 4 MiB on each 1 GiB disk", bytes: 256 * 32, events: 0 },
      { field: "model.vms.service.requests", what: "0 service requests per VM", bytes: 0, events: 0 },
    ]);
    expect(needs[0].bytes).toBe(16_384);
    expect(needs[1].bytes).toBe(8_192);
  });

  it("10 VMs on 2 agents and 2 hosts: memory for the largest partition (5 VMs), events for all 10", () => {
    const needs = restoreNeeds(spec({ count: 10, service: { requests: 100 } }, { mediaAgents: { count: 2 }, hosts: { count: 2 } }));
    expect(needs.map((need) => need.what)).toEqual([
      "1024 blocks of 1 MiB on each 1 GiB disk × 5 VMs run together",
      "256 chunks of 4 MiB on each 1 GiB disk × 5 VMs run together",
      "100 service requests per VM × 5 VMs run together",
    ]);
    expect(needs.map((need) => need.bytes)).toEqual([81_920, 40_960, 32_000]); // 5 × 1024 × 16, 5 × 256 × 32, 5 × 100 × 64
    expect(needs.map((need) => need.events)).toEqual([0, 0, 4_000]); // 10 VMs × 100 requests × 4 events
  });

  it("10 VMs on one agent and one host are one partition: 10 × 1024 × 16 B of block tables", () => {
    expect(restoreNeeds(spec({ count: 10 }))[0].bytes).toBe(163_840);
  });

  it("rounds blocks and chunks up: a 1 GiB + 1 B disk has 1025 blocks and 257 chunks", () => {
    const needs = restoreNeeds(spec({ diskSize: `${GiB + 1}B` }));
    expect(needs[0].bytes).toBe(1025 * 16);
    expect(needs[1].bytes).toBe(257 * 32);
  });

  it("blockSize 1 on a 4 GiB disk: 64 GiB of block tables", () => {
    expect(restoreNeeds(spec({ diskSize: "4GiB", blockSize: "1B" }))[0].bytes).toBe(64 * GiB);
    expect(restoreNeeds(spec({ diskSize: "4GiB", blockSize: "1MiB" }))[0].bytes).toBe(64 * 1024);
  });
  it("a trace-driven service phase counts its `requests` bound; without one its window is named as not estimated", () => {
    expect(restoreNeeds(spec({ service: { trace: "io.vscsi", requests: 30_000 } }))[2]).toEqual({ field: "model.vms.service.requests", what: "30000 service requests per VM", bytes: 30_000 * 64, events: 30_000 * 4 });
    expect(restoreNeeds(spec({ service: { trace: "io.vscsi" } }))[2]).toEqual({ field: "model.vms.service.requests", what: "the service trace's window per VM (not estimated: set model.vms.service.requests to bound it)", bytes: 0, events: 0 });
  });
});
