// One-off scorer for tools/experiments/*.patch (not part of the project's API or tests): prints,
// for every what-if pairs file in traces/, the table's max and median |error|, the mean and max
// |stretch − shrink| and the stretch table's counts inside. Run from the repository root, with a
// patch applied: EXP_CLAIM=2 EXP_RATIO=0.1 EXP_MINWAIT=1000 npx tsx tools/experiments/score.ts
import { validationReport } from "../../src/cli/commands/validate.ts";

for (const suffix of ["", "-k3", "-k4", "-k5", "-k6"]) {
  const report = validationReport(`traces/what-if-pairs${suffix}.json`);
  const lines = report.sums.map((s) => Math.abs(s.sumUs) / 1e6);
  const inside = (key: "stretchInside" | "shrinkInside"): number => report.stretches.filter((r) => r[key]).length;
  console.log(
    `${(suffix || "shipped").padEnd(8)} max ${(100 * report.summary.maxAbsError).toFixed(2)}% median ${(100 * report.summary.medianAbsError).toFixed(2)}%`,
    `mean |line| ${(lines.reduce((a, b) => a + b, 0) / lines.length).toFixed(2)} s, max ${Math.max(...lines).toFixed(2)} s`,
    `stretch inside ${inside("stretchInside")}/${report.stretches.length}, shrink ${inside("shrinkInside")}/${report.stretches.length}`,
  );
}
