/** CI latency budgets and baselines (`rtolab check`). */
export { baselineOf, checkResults, type CheckRow } from "./check.ts";
export { readBaseline, regresses, type Baseline, type BaselineMetric, type Direction } from "./baseline.ts";
export { readBudgets, type BudgetsFile, type ScenarioBudget } from "./budgets.ts";
export { budgetLimit, holds, parseBudget, type Budget, type BudgetOperator } from "../../metrics/budget.ts";
export { junitXml, type CheckCase } from "./junit.ts";
