/**
 * fixtures/nbdkit-delay2ms.log is a real log of nbdkit 1.32.5's log filter with its delay filter
 * beneath it (as the shipped what-if pairs were recorded), qemu-io 7.2.22 (Debian 1:7.2+dfsg-7)
 * the NBD client, made on 2026-12-07 with:
 *
 *   truncate -s 1M /dev/shm/nbd-disk.img
 *   nbdkit -U - --filter=log --filter=delay file /dev/shm/nbd-disk.img logfile=disk.log rdelay=2ms wdelay=2ms \
 *     --run 'qemu-io -f raw -t writeback "$uri" -c "read 0 4k" -c "write -P 1 4096 8k" -c "flush" \
 *       -c "aio_write -P 2 131072 64k" -c "aio_read 0 4k" -c "aio_read 65536 4k" -c "aio_flush" \
 *       -c "write -z 196608 64k" -c "discard 262144 64k" -c "map"'
 *
 * (the image on tmpfs so a flush costs no fsync; `-t writeback` so writes carry no FUA; `write -z`
 * is a Zero, `discard` a Trim, `map` five Extents; the aio write returns after the two aio reads.)
 * fixtures/nbdkit-nodelay.log is the same command without `--filter=delay` and its rdelay/wdelay
 * (its what-if base: test/cli/commands/replay.test.ts calibrates the pair).
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { convertTrace } from "../../../src/workloads/traces/convert.ts";
import { parseNbdkitLogLine, readNbdkitLog } from "../../../src/workloads/traces/nbdkit-log.ts";
import { detectTraceFormat, openTrace } from "../../../src/workloads/traces/open.ts";
import { readRtolabCsv } from "../../../src/workloads/traces/rtolab-csv.ts";
import { BOOT_TRACES, tracePath, writeFixture } from "../fixtures.ts";

const FIXTURE = fileURLToPath(new URL("fixtures/nbdkit-delay2ms.log", import.meta.url));

/** The log's requests worked out by hand from its timestamps (first call 14:26:49.294627). */
const FIXTURE_REQUESTS = [
  { timeUs: 0, op: "R", offset: 0, length: 4096, latencyUs: 2172 }, // line 6
  { timeUs: 3406, op: "W", offset: 4096, length: 8192, latencyUs: 2186 },
  { timeUs: 5835, op: "F", offset: 0, length: 0, latencyUs: 9 }, // not delayed: no fdelay
  { timeUs: 6834, op: "W", offset: 131072, length: 65536, latencyUs: 2683 }, // returns after the next two
  { timeUs: 6878, op: "R", offset: 0, length: 4096, latencyUs: 2119 },
  { timeUs: 6925, op: "R", offset: 65536, length: 4096, latencyUs: 2164 },
  { timeUs: 9968, op: "W", offset: 196608, length: 65536, latencyUs: 3274 }, // the Zero
  { timeUs: 16724, op: "F", offset: 0, length: 0, latencyUs: 8 },
];

const at = (time: string, rest: string): string => `2020-08-06 02:07:${time} ${rest}`;

describe("readNbdkitLog", () => {
  it("readNbdkitLog(real nbdkit 1.32.5 log, delay filter 2 ms beneath it) gives every Read, Write, Zero and Flush in call order with its latency", () => {
    const requests = [...readNbdkitLog(FIXTURE)];
    expect(requests).toEqual(FIXTURE_REQUESTS);
    // The delay filter's 2 ms is in every read and write; flushes are not delayed (no fdelay=).
    expect(Math.min(...requests.filter((r) => r.op !== "F").map((r) => r.latencyUs!))).toBe(2119);
    expect(Math.max(...requests.filter((r) => r.op === "F").map((r) => r.latencyUs!))).toBe(9);
  });

  it("readNbdkitLog(the same client without the delay filter) gives the same requests at latencies of 9–95 µs", () => {
    const requests = [...readNbdkitLog(fileURLToPath(new URL("fixtures/nbdkit-nodelay.log", import.meta.url)))];
    expect(requests.map((r) => [r.op, r.offset, r.length])).toEqual(FIXTURE_REQUESTS.map((r) => [r.op, r.offset, r.length]));
    expect(requests.map((r) => [r.timeUs, r.latencyUs])).toEqual([[0, 95], [1030, 50], [1610, 23], [6420, 83], [6734, 14], [7378, 12], [8700, 69], [13140, 9]]);
  });

  it("readNbdkitLog(interleaved returns) yields in call order, each with its own latency", () => {
    const path = writeFixture("interleaved.log", [
      at("23.000100", "connection=1 Read id=1 offset=0x1000 count=0x1000 ..."),
      at("23.000200", "connection=1 Write id=2 offset=0x0 count=0x200 fua=0 ..."),
      at("23.000300", "connection=1 Read id=3 offset=0x2000 count=0x1000 ..."),
      at("23.000450", "connection=1 ...Read id=3 return=0"),
      at("23.000700", "connection=1 ...Write id=2 return=0"),
      at("23.001100", "connection=1 ...Read id=1 return=-1 error=EIO"),
    ].join("\n"));
    expect([...readNbdkitLog(path)]).toEqual([
      { timeUs: 0, op: "R", offset: 4096, length: 4096, latencyUs: 1000 }, // failed: kept, the guest waited
      { timeUs: 100, op: "W", offset: 0, length: 512, latencyUs: 500 },
      { timeUs: 200, op: "R", offset: 8192, length: 4096, latencyUs: 150 },
    ]);
  });

  it("readNbdkitLog(two connections with the same ids) keeps both, paired by connection and id", () => {
    const path = writeFixture("two.log", [
      at("23.000000", "connection=1 Read id=1 offset=0x0 count=0x200 ..."),
      at("23.000010", "connection=2 Read id=1 offset=0x200 count=0x200 ..."),
      at("23.000020", "connection=2 ...Read id=1 return=0"),
      at("23.000050", "connection=1 ...Read id=1 return=0"),
    ].join("\n"));
    expect([...readNbdkitLog(path)]).toEqual([
      { timeUs: 0, op: "R", offset: 0, length: 512, latencyUs: 50 },
      { timeUs: 10, op: "R", offset: 512, length: 512, latencyUs: 10 },
    ]);
  });

  it("readNbdkitLog(Zero, Trim, Cache, Extents and connection lines) makes the Zero a write and skips the rest", () => {
    const path = writeFixture("ops.log", [
      at("23.000000", "ListExports id=1 readonly=0 tls=0 ..."),
      at("23.000001", "...ListExports id=1 exports=(\"\") return=0"),
      at("23.000002", "connection=1 Connect export=\"\" tls=0 size=0x100000"),
      at("23.000010", "connection=1 Trim id=1 offset=0x0 count=0x10000 fua=0 ..."),
      at("23.000020", "connection=1 Zero id=2 offset=0x10000 count=0x10000 trim=1 fua=0 fast=0 ..."),
      at("23.000030", "connection=1 Cache id=3 offset=0x0 count=0x10000 ..."),
      at("23.000040", "connection=1 Extents id=4 offset=0x0 count=0x100000 req_one=1 ..."),
      at("23.000050", "connection=1 ...Trim id=1 return=0"),
      at("23.000060", "connection=1 ...Cache id=3 return=0"),
      at("23.000070", "connection=1 ...Extents id=4 extents=(0x0 0x1000 \"hole,zero\") return=0"),
      at("23.000120", "connection=1 ...Zero id=2 return=0"),
      at("23.000200", "connection=1 Disconnect transactions=4"),
    ].join("\n"));
    expect([...readNbdkitLog(path)]).toEqual([{ timeUs: 0, op: "W", offset: 65536, length: 65536, latencyUs: 100 }]);
  });

  it("readNbdkitLog(calls written out of time order, as nbdkit's threads do) yields them in time order within 1 s and refuses a call stamped further back", () => {
    // In a boot recorded here (traces/k3boot0), two reads called by QEMU's two I/O threads were
    // written 70 µs out of order: nbdkit stamps a line before it takes the log's lock.
    const swapped = writeFixture("swapped.log", [
      at("23.000000", "connection=1 Read id=1 offset=0x0 count=0x200 ..."),
      at("23.000794", "connection=1 Read id=3 offset=0x400 count=0x200 ..."),
      at("23.000724", "connection=1 Read id=2 offset=0x200 count=0x200 ..."),
      at("23.001000", "connection=1 ...Read id=3 return=0"),
      at("23.002000", "connection=1 ...Read id=2 return=0"),
      at("23.003000", "connection=1 ...Read id=1 return=0"),
    ].join("\n"));
    expect([...readNbdkitLog(swapped)].map((r) => [r.timeUs, r.offset, r.latencyUs])).toEqual([[0, 0, 3000], [724, 512, 1276], [794, 1024, 206]]);
    const late = writeFixture("late.log", [
      at("23.000000", "connection=1 Read id=1 offset=0x0 count=0x200 ..."),
      at("24.500000", "connection=1 Read id=2 offset=0x200 count=0x200 ..."),
      at("23.400000", "connection=1 Read id=3 offset=0x400 count=0x200 ..."),
    ].join("\n"));
    expect(() => [...readNbdkitLog(late)]).toThrow(`${late}: line 3: expected calls within 1 s of time order (this one is stamped 1.100000 s before one already read)`);
  });

  it("readNbdkitLog(a call whose return never comes) names the call's line", () => {
    const cut = writeFixture("cut.log", [
      at("23.000000", "connection=1 Read id=1 offset=0x0 count=0x200 ..."),
      at("23.000010", "connection=1 Flush id=2 ..."),
      at("23.000020", "connection=1 ...Read id=1 return=0"),
    ].join("\n"));
    expect(() => [...readNbdkitLog(cut)]).toThrow(`${cut}: line 2: expected a return line "...Flush id=2" for this call (the log ends first: was it cut short?)`);
    const again = writeFixture("again.log", [
      at("23.000000", "connection=1 Read id=1 offset=0x0 count=0x200 ..."),
      at("23.000010", "connection=1 Read id=1 offset=0x0 count=0x200 ..."),
    ].join("\n"));
    expect(() => [...readNbdkitLog(again)]).toThrow(`${again}: line 1: expected a return line "...Read id=1" for this call (connection=1 id=1 is called again at line 2 first)`);
  });

  it("readNbdkitLog(broken lines) names the line and what was expected", () => {
    const cases: [string, string][] = [
      [at("23.000000", "connection=1 Read id=1 offset=0xzz count=0x200 ..."), "offset=0x… in hexadecimal after Read"],
      [at("23.000000", "connection=1 Write id=1 offset=0x0 count=512 fua=0 ..."), "count=0x… in hexadecimal after Write"],
      [at("23.000000", "connection=1 Zero offset=0x0 count=0x200 ..."), "id=K after Zero (the request's id, to pair its call with its return)"],
      ["02:07:23.000000 connection=1 Flush id=1 ...", "a line starting with a timestamp YYYY-MM-DD HH:MM:SS.ffffff (nbdkit's log filter)"],
      ["2020-13-06 02:07:23.000000 connection=1 Flush id=1 ...", "a timestamp YYYY-MM-DD HH:MM:SS.ffffff with a real month, day and time of day"],
    ];
    for (const [line, expected] of cases) {
      const path = writeFixture("bad.log", `${at("22.999999", "connection=1 Connect export=\"\"")}\n${line}\n`);
      expect(() => [...readNbdkitLog(path)]).toThrow(`${path}: line 2: expected ${expected}`);
    }
    const wrongAction = writeFixture("wrong.log", `${at("23.000000", "connection=1 Read id=1 offset=0x0 count=0x200 ...")}\n${at("23.000001", "connection=1 ...Write id=1 return=0")}\n`);
    expect(() => [...readNbdkitLog(wrongAction)]).toThrow(`${wrongAction}: line 2: expected ...Read id=1, the return of the Read called at line 1`);
  });

  it("readNbdkitLog(a call across midnight, month and year ends) times it by UTC calendar arithmetic", () => {
    const path = writeFixture("midnight.log", [
      "2020-12-31 23:59:59.999900 connection=1 Read id=1 offset=0x0 count=0x200 ...",
      "2021-01-01 00:00:00.000150 connection=1 ...Read id=1 return=0",
      "2021-01-01 00:00:01.000000 connection=1 Flush id=2 ...",
      "2021-01-01 00:00:01.000001 connection=1 ...Flush id=2 return=0",
    ].join("\n"));
    expect([...readNbdkitLog(path)].map((r) => [r.timeUs, r.latencyUs])).toEqual([[0, 250], [1_000_100, 1]]);
  });
});

describe("parseNbdkitLogLine", () => {
  it("parseNbdkitLogLine(return line) gives its connection, id and time; offsets are on the call only", () => {
    expect(parseNbdkitLogLine("2020-08-06 02:07:23.080927 connection=12 ...Write id=40 return=0")).toEqual({
      timeUs: 1596679643080927, connection: 12, action: "Write", id: 40, isReturn: true, op: "W", offset: 0, length: 0,
    });
    expect(parseNbdkitLogLine("2020-08-06 02:07:23.080415 Ready thread_model=3")).toBeUndefined();
    expect(parseNbdkitLogLine("")).toBeUndefined();
  });
});

describe("nbdkitLog through openTrace, detectTraceFormat and convertTrace", () => {
  it("detectTraceFormat(real nbdkit log) is nbdkitLog, and openTrace reads it as readNbdkitLog does", () => {
    expect(detectTraceFormat(FIXTURE)).toBe("nbdkitLog");
    expect([...openTrace(FIXTURE, detectTraceFormat(FIXTURE))]).toEqual(FIXTURE_REQUESTS);
  });

  it("convertTrace(real nbdkit log) to rtolab CSV reads back as the same requests", () => {
    const out: string[] = [];
    expect(convertTrace(openTrace(FIXTURE, "nbdkitLog"), { write: (t) => out.push(t) })).toEqual({ written: 8, skipped: 0 });
    const csv = writeFixture("back.csv", out.join(""));
    expect(readFileSync(csv, "utf8").split("\n")[4]).toBe("6834,W,131072,65536,2683");
    expect([...readRtolabCsv(csv)]).toEqual(FIXTURE_REQUESTS);
  });
});

describe("the recordings of the third to sixth campaigns (traces/k3-recordings … traces/k6-recordings)", () => {
  const RECORDED = BOOT_TRACES.filter((t) => /^[kg][3-6]/.test(t.name));
  const folder = (name: string): string => `k${name[1]}-recordings`;

  it("each traces/k3*.csv, g3*.csv, k4*.csv, g4*.csv, k5*.csv and k6*.csv is its nbdkit log read by readNbdkitLog, request for request, and its service ready is its console's SERVICE-READY stamp minus the log's first call", () => {
    expect(["3", "4", "5", "6"].map((c) => RECORDED.filter((t) => t.name[1] === c).length)).toEqual([107, 26, 16, 15]);
    for (const trace of RECORDED) {
      const text = gunzipSync(readFileSync(tracePath(`${folder(trace.name)}/${trace.name}.log.gz`))).toString("utf8");
      const log = writeFixture(`${trace.name}.log`, text);
      expect([trace.name, [...readNbdkitLog(log)]]).toEqual([trace.name, [...readRtolabCsv(tracePath(`${trace.name}.csv`))]]);
      let firstCallUs = Infinity;
      for (const line of text.split("\n")) {
        const entry = parseNbdkitLogLine(line);
        if (typeof entry === "object" && !entry.isReturn) firstCallUs = Math.min(firstCallUs, entry.timeUs);
      }
      const console = readFileSync(tracePath(`${folder(trace.name)}/${trace.name}.console`), "utf8").split("\n").find((l) => l.includes("SERVICE-READY")) ?? "";
      // The console was stamped by moreutils ts in the log's own format (UTC, µs): read it as a line of the log.
      const stamp = parseNbdkitLogLine(`${console.slice(0, 26)} connection=1 Flush id=1`);
      expect([trace.name, typeof stamp === "object" ? stamp.timeUs - firstCallUs : stamp]).toEqual([trace.name, trace.serviceReadyUs]);
    }
  });
});
