/** CI latency budgets and baselines (`rtolab check`). */
export { baselineOf, checkResults, type CheckRow } from "./check.ts";
export { readBaseline, regresses, type Baseline, type BaselineMetric, type Direction } from "./baseline.ts";
export { limitIn, parseBudget, readBudgets, type Budget, type BudgetOperator, type BudgetsFile } from "./budgets.ts";
export { junitXml, type CheckCase } from "./junit.ts";
