import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Writes `text` to a fresh temporary file named `name` and returns its path. */
export function writeFixture(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "rtolab-workloads-"));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Absolute path of a trace shipped in the repository's `traces/` folder. */
export function tracePath(name: string): string {
  return fileURLToPath(new URL(`../../traces/${name}`, import.meta.url));
}

/** The thirteen Linux boot traces with the figures of traces/README.md. */
export const BOOT_TRACES = [
  { name: "boot0", requests: 1727, serviceReadyUs: 31187961, readMiB: 61.7, distinctBlocksRead: 14942 },
  { name: "boot1", requests: 1767, serviceReadyUs: 28352530, readMiB: 63.1, distinctBlocksRead: 15308 },
  { name: "gboot0", requests: 4542, serviceReadyUs: 36524944, readMiB: 107.2, distinctBlocksRead: 26387 },
  { name: "gboot1", requests: 4632, serviceReadyUs: 35724121, readMiB: 108.7, distinctBlocksRead: 26757 },
  { name: "gboot4_gen2", requests: 4634, serviceReadyUs: 36653904, readMiB: 109.0, distinctBlocksRead: 26832 },
  { name: "boot3_delay5ms", requests: 1771, serviceReadyUs: 30023685, readMiB: 63.1, distinctBlocksRead: 15308 },
  { name: "k2boot0", requests: 1749, serviceReadyUs: 29802351, readMiB: 61.7, distinctBlocksRead: 14938 },
  { name: "k2boot1", requests: 1715, serviceReadyUs: 18864750, readMiB: 63.1, distinctBlocksRead: 15309 },
  { name: "k2boot_d20ms", requests: 1781, serviceReadyUs: 31771145, readMiB: 62.2, distinctBlocksRead: 15312 },
  { name: "g2boot0", requests: 4553, serviceReadyUs: 39150518, readMiB: 107.4, distinctBlocksRead: 26423 },
  { name: "g2boot1", requests: 4564, serviceReadyUs: 23216375, readMiB: 108.8, distinctBlocksRead: 26788 },
  { name: "g2boot2", requests: 4562, serviceReadyUs: 25261836, readMiB: 108.8, distinctBlocksRead: 26788 },
  { name: "g2boot_d2ms", requests: 4553, serviceReadyUs: 33759963, readMiB: 108.8, distinctBlocksRead: 26788 },
] as const;
