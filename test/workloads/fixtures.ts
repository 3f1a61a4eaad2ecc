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

/** The eighty-nine Linux boot traces (three campaigns) with the figures of traces/README.md. */
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
  // Third campaign (traces/README.md): recorded by rtolab on its development machine, 2026-12-07.
  { name: "k3boot0", requests: 1424, serviceReadyUs: 19914363, readMiB: 50.2, distinctBlocksRead: 12534 },
  { name: "k3boot1", requests: 1454, serviceReadyUs: 22941148, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3boot2", requests: 1522, serviceReadyUs: 22615339, readMiB: 51.6, distinctBlocksRead: 12901 },
  { name: "k3boot3", requests: 1449, serviceReadyUs: 20279908, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3boot4", requests: 1517, serviceReadyUs: 19773715, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3boot5", requests: 1446, serviceReadyUs: 20053718, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3boot6", requests: 1476, serviceReadyUs: 22630287, readMiB: 51.6, distinctBlocksRead: 12901 },
  { name: "k3boot7", requests: 1478, serviceReadyUs: 23671939, readMiB: 51.6, distinctBlocksRead: 12901 },
  { name: "k3boot_d2ms", requests: 1483, serviceReadyUs: 26061557, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3boot_d5ms", requests: 1596, serviceReadyUs: 24239362, readMiB: 51.8, distinctBlocksRead: 12958 },
  { name: "k3boot_d10ms", requests: 1535, serviceReadyUs: 28347410, readMiB: 51.8, distinctBlocksRead: 12958 },
  { name: "k3boot_d20ms", requests: 1573, serviceReadyUs: 34077925, readMiB: 51.7, distinctBlocksRead: 12935 },
  { name: "k3boot_rate32M", requests: 1434, serviceReadyUs: 21036542, readMiB: 51.6, distinctBlocksRead: 12901 },
  { name: "k3boot_rate8M", requests: 1595, serviceReadyUs: 57606317, readMiB: 51.5, distinctBlocksRead: 12883 },
  { name: "k3v1boot1", requests: 1514, serviceReadyUs: 29297317, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3v1boot_d20ms", requests: 1636, serviceReadyUs: 43195724, readMiB: 51.8, distinctBlocksRead: 12958 },
  { name: "k3v1boot2", requests: 1563, serviceReadyUs: 36859094, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3v1boot_d5ms", requests: 1532, serviceReadyUs: 38509436, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3v1boot3", requests: 1524, serviceReadyUs: 24799784, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3v4boot1", requests: 1518, serviceReadyUs: 27616289, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3v4boot_d20ms", requests: 1574, serviceReadyUs: 37748481, readMiB: 51.7, distinctBlocksRead: 12935 },
  { name: "k3v4boot2", requests: 1522, serviceReadyUs: 28557780, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3v4boot_d5ms", requests: 1517, serviceReadyUs: 30202132, readMiB: 51.6, distinctBlocksRead: 12901 },
  { name: "k3v4boot3", requests: 1459, serviceReadyUs: 26569448, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3boot8", requests: 1456, serviceReadyUs: 21798097, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3boot_d2ms2", requests: 1462, serviceReadyUs: 25908935, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3boot9", requests: 1466, serviceReadyUs: 24866979, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3boot12", requests: 1489, serviceReadyUs: 21018008, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3boot_d2ms3", requests: 1520, serviceReadyUs: 21982777, readMiB: 51.6, distinctBlocksRead: 12901 },
  { name: "k3warm_d20ms", requests: 1439, serviceReadyUs: 19318004, readMiB: 51.6, distinctBlocksRead: 12901 },
  { name: "k3boot13", requests: 1459, serviceReadyUs: 20479002, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3boot_d2ms4", requests: 1435, serviceReadyUs: 20858209, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3boot14", requests: 1497, serviceReadyUs: 23496030, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3warm_d5ms", requests: 1448, serviceReadyUs: 19886866, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3boot15", requests: 1456, serviceReadyUs: 22508605, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3cold_d20ms", requests: 1514, serviceReadyUs: 38850867, readMiB: 51.7, distinctBlocksRead: 12928 },
  { name: "k3boot16", requests: 1499, serviceReadyUs: 25725262, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3half_d20ms", requests: 1503, serviceReadyUs: 28742514, readMiB: 51.7, distinctBlocksRead: 12928 },
  { name: "k3boot17", requests: 1454, serviceReadyUs: 21673517, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3boot18", requests: 1450, serviceReadyUs: 22027455, readMiB: 51.6, distinctBlocksRead: 12901 },
  { name: "k3warm_d20ms2", requests: 1472, serviceReadyUs: 21196764, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3boot19", requests: 1452, serviceReadyUs: 21266663, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3cold_d20ms2", requests: 1519, serviceReadyUs: 37582708, readMiB: 51.7, distinctBlocksRead: 12928 },
  { name: "k3boot20", requests: 1437, serviceReadyUs: 19463310, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3settle1", requests: 1461, serviceReadyUs: 25670474, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3plain1", requests: 1463, serviceReadyUs: 24491455, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3settle2", requests: 1425, serviceReadyUs: 20572997, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3plain2", requests: 1529, serviceReadyUs: 20795418, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3settle3", requests: 1444, serviceReadyUs: 21091928, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3plain3", requests: 1423, serviceReadyUs: 20420752, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3settle4", requests: 1478, serviceReadyUs: 21831819, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3plain4", requests: 1437, serviceReadyUs: 19644168, readMiB: 51.6, distinctBlocksRead: 12901 },
  { name: "k3settle5", requests: 1450, serviceReadyUs: 21750946, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3plain5", requests: 1456, serviceReadyUs: 20218334, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3settle6", requests: 1476, serviceReadyUs: 23791161, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3plain6", requests: 1429, serviceReadyUs: 18903349, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "g3boot0", requests: 4328, serviceReadyUs: 23545236, readMiB: 95.1, distinctBlocksRead: 23828 },
  { name: "g3boot1", requests: 4275, serviceReadyUs: 26409751, readMiB: 96.6, distinctBlocksRead: 24194 },
  { name: "g3boot_d2ms", requests: 4350, serviceReadyUs: 32089214, readMiB: 96.6, distinctBlocksRead: 24194 },
  { name: "g3boot2", requests: 4303, serviceReadyUs: 26541718, readMiB: 96.6, distinctBlocksRead: 24194 },
  { name: "g3boot_d5ms", requests: 4335, serviceReadyUs: 45544737, readMiB: 96.6, distinctBlocksRead: 24194 },
  { name: "g3boot3", requests: 4272, serviceReadyUs: 28802303, readMiB: 96.6, distinctBlocksRead: 24198 },
  { name: "g3boot_d20ms", requests: 4419, serviceReadyUs: 100156145, readMiB: 96.7, distinctBlocksRead: 24232 },
  { name: "g3boot4", requests: 4269, serviceReadyUs: 29111968, readMiB: 96.6, distinctBlocksRead: 24194 },
  { name: "g3boot_d2ms2", requests: 4273, serviceReadyUs: 30500021, readMiB: 96.6, distinctBlocksRead: 24194 },
  { name: "g3boot5", requests: 4263, serviceReadyUs: 22142589, readMiB: 96.6, distinctBlocksRead: 24198 },
  { name: "g3cold_d20ms", requests: 4354, serviceReadyUs: 53609790, readMiB: 96.7, distinctBlocksRead: 24225 },
  { name: "g3boot6", requests: 4313, serviceReadyUs: 29107100, readMiB: 96.6, distinctBlocksRead: 24198 },
  { name: "k3boot21", requests: 1439, serviceReadyUs: 23124951, readMiB: 51.6, distinctBlocksRead: 12901 },
  { name: "k3wb_d20ms", requests: 1489, serviceReadyUs: 24847005, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3boot22", requests: 1510, serviceReadyUs: 19441415, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3wt_d20ms", requests: 1579, serviceReadyUs: 21864849, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3boot23", requests: 1437, serviceReadyUs: 18898536, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3boot24", requests: 1535, serviceReadyUs: 21687360, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3wb_d20ms2", requests: 1562, serviceReadyUs: 22836533, readMiB: 51.6, distinctBlocksRead: 12897 },
  { name: "k3boot25", requests: 1470, serviceReadyUs: 23781409, readMiB: 51.6, distinctBlocksRead: 12901 },
] as const;
