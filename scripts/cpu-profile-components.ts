/**
 * Sums a V8 CPU profile's self time by component of the restore model (the buckets of
 * bench/restore-profile.ts), for a profile of a whole run:
 *
 * @example
 * node --import tsx --cpu-prof --cpu-prof-dir=prof --cpu-prof-interval 2000 src/cli/main.ts run scenarios/restore/mass-restore-10000.yaml --workers 0 --quiet
 * npx tsx scripts/cpu-profile-components.ts prof/CPU.*.cpuprofile
 */
import { readFileSync } from "node:fs";
import { selfTimes, type CpuProfile } from "../bench/restore-profile.ts";

for (const file of process.argv.slice(2)) {
  const { total, byComponent, byFunction } = selfTimes(JSON.parse(readFileSync(file, "utf8")) as CpuProfile);
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
  for (const [component, time] of [...byComponent].sort((a, b) => b[1] - a[1])) console.log(`${((100 * time) / total).toFixed(1).padStart(6)}%  ${component}`);
  console.log("functions:");
  for (const [name, time] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${((100 * time) / total).toFixed(1).padStart(6)}%  ${name}`);
}
