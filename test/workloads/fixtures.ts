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

/** The six Linux boot traces with the figures of traces/README.md. */
export const BOOT_TRACES = [
  { name: "boot0", requests: 1727, serviceReadyUs: 31187961, readMiB: 61.7, distinctBlocksRead: 14942 },
  { name: "boot1", requests: 1767, serviceReadyUs: 28352530, readMiB: 63.1, distinctBlocksRead: 15308 },
  { name: "gboot0", requests: 4542, serviceReadyUs: 36524944, readMiB: 107.2, distinctBlocksRead: 26387 },
  { name: "gboot1", requests: 4632, serviceReadyUs: 35724121, readMiB: 108.7, distinctBlocksRead: 26757 },
  { name: "gboot4_gen2", requests: 4634, serviceReadyUs: 36653904, readMiB: 109.0, distinctBlocksRead: 26832 },
  { name: "boot3_delay5ms", requests: 1771, serviceReadyUs: 30023685, readMiB: 63.1, distinctBlocksRead: 15308 },
] as const;
