const { loadScenario } = await import("/work/wt/scale/src/lab/load.ts");
const { runPartitionOf } = await import("/work/wt/scale/src/lab/run.ts");
const loaded = loadScenario("scenarios/restore/mass-restore-10000.yaml", { sets: [] });
const t = performance.now(); const c = process.cpuUsage();
const parts = Number(process.argv[2] ?? 1);
for (let k = 0; k < parts; k++) runPartitionOf(loaded, loaded.variants[0], 1, 0, k);
const u = process.cpuUsage(c);
console.log("partitions", parts, "wall s", ((performance.now() - t) / 1000).toFixed(2), "cpu s", ((u.user + u.system) / 1e6).toFixed(2), "rss MiB", (process.memoryUsage.rss() / 2 ** 20).toFixed(0));
