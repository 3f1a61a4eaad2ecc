/**
 * rtolab as a library: the public entry point that notebooks and other programs import.
 * The CLI (`src/cli/`) is a thin layer over these same functions.
 *
 * @example
 * import { loadScenario, runScenario } from "rtolab";
 * const result = runScenario(loadScenario("scenarios/validation/mm1.yaml"), { seed: 7 });
 * result.variants[0].metrics.find((m) => m.name === "waitMean")?.mean // ≈ 4.037 // ms
 */

// Kernel: time, events, processes, resources, randomness.
export { Simulation, type EventHandle, type SimulationOptions } from "./kernel/simulation.ts";
export { PRIORITY_NORMAL, PRIORITY_URGENT } from "./kernel/priority.ts";
export { RngStreams, type Rng } from "./kernel/rng.ts";
export * as distributions from "./kernel/distributions.ts";
export { makeDistribution, type DistributionSpec } from "./kernel/distribution-spec.ts";
export { Resource } from "./kernel/resource.ts";
export { Store } from "./kernel/store.ts";
export { TimeIntegral } from "./kernel/time-integral.ts";

// Physical models.
export * from "./models/devices/index.ts";
export * from "./models/network/index.ts";
export * from "./models/hosts/index.ts";
export { runQueueStation, type QueueStationOptions, type QueueStationResult } from "./models/queueing/station.ts";
export { runPriorityStation, type PriorityStationOptions, type PriorityStationResult, type PriorityDiscipline } from "./models/queueing/priority-station.ts";

// Workloads: traces, replay, synthetic generators, operational profiles.
export { openTrace, detectTraceFormat, TRACE_FORMATS } from "./workloads/traces/open.ts";
export type { TraceRequest, TraceFormat, BlockOp } from "./workloads/traces/types.ts";
export { traceInfo, formatTraceInfo, type TraceInfo } from "./workloads/traces/info.ts";
export { convertTrace, openTraceWriter } from "./workloads/traces/convert.ts";
export { inferReplayPlan, openLoopPlan, planMilestone, type ReplayPlan } from "./workloads/replay/plan.ts";
export { predictReplay, predictMilestone, criticalPath } from "./workloads/replay/predict.ts";
export { startGuestReplay, type GuestReplay, type GuestReplayOptions } from "./workloads/replay/driver.ts";
export { chainPlan, slackPlan, milestoneBand, type Banded } from "./workloads/replay/band.ts";
export { calibrateReplayPlan, alignRecordings, type Calibration } from "./workloads/replay/calibrate.ts";
export { loadPlanFile, planFileText } from "./workloads/replay/plan-file.ts";
export { validationTable, summarizeValidation, type WhatIfPair, type ValidationRow } from "./workloads/replay/validate.ts";
export * from "./workloads/synthetic/index.ts";
export * from "./workloads/profile/index.ts";

// Definitions: what every policy and device declares (parameters, defaults, bounds, inputs).
export type { InputDefinition, ModelDefinition, ParameterDefinition, ParameterType, ParameterValue, ParameterValues, PolicyDefinition, PolicyEntry } from "./util/definitions.ts";

// Policies: one registry per family; registerPolicy adds one from outside rtolab.
export { PolicyRegistry } from "./policies/registry.ts";
export { policyFamilies, registerPolicy, type PolicyEntryOf, type PolicyFamily } from "./policies/families.ts";
export type { AccessContext, CachePolicy, CachePolicyOptions, EvictedObject } from "./policies/cache/index.ts";
export type { DemandReadContext, Prefetcher, PrefetchPolicyOptions, PrefetchSink } from "./policies/prefetch/index.ts";
export type { IoScheduler, QueuedIo, SchedulingOptions } from "./policies/scheduling/index.ts";
export type { RelocationContext, RelocationOptions, RelocationScheme } from "./policies/relocation/index.ts";
export type { BalancingContext, BalancingOptions, BalancingPolicy, TaskView, VsaView } from "./policies/balancing/index.ts";
export { cachePolicies, createCachePolicy, Cache } from "./policies/cache/index.ts";
export { cachesim, cachesimFile, cachesimChunks, CacheRun, buildAccessStream, simulate, type CachesimRow, type CacheUnit, type CachesimMode } from "./policies/cache/cachesim/cachesim.ts";
export { ReadTracker, RelocationFirstPolicy } from "./restore/read-tracking.ts";
export { prefetchPolicies } from "./policies/prefetch/index.ts";
export { evaluatePrefetch } from "./policies/prefetch/evaluate.ts";
export { schedulingPolicies } from "./policies/scheduling/index.ts";
export { relocationSchemes } from "./policies/relocation/index.ts";
export { balancingPolicies } from "./policies/balancing/index.ts";

// Scenarios, runs, sweeps, statistics, reports.
export { loadScenarioOf, INLINE_SCENARIO, type LoadedScenario, type LoadOptions, type Scenario, type ScenarioSource, type ScenarioVariant } from "./scenario/load.ts";
export { loadScenario } from "./lab/load.ts";
export { scenarioJsonSchema } from "./scenario/schema.ts";
export { modelKinds } from "./lab/kinds.ts";
export { runScenario, replicationSeed, type RunResult, type VariantResult } from "./lab/run.ts";
export type { ModelKind, MetricValue, ReplicationResult, ReplicationContext } from "./contracts/model-kind.ts";
export * from "./lab/sweep/index.ts";
export { confidenceInterval, studentTQuantile } from "./metrics/confidence.ts";
export { mm1, mmc, mg1, md1, erlangC, nonPreemptivePriority, preemptiveResumePriority, type PriorityClassLoad, type PriorityClassMetrics } from "./metrics/queueing-theory.ts";
export { summarizeReplications, type MetricSummary } from "./metrics/summarize.ts";
export * from "./report/charts/index.ts";
export { buildReportHtml } from "./report/html/report.ts";
export { writeRunResults } from "./report/run-results.ts";
export { InputError, InvariantError, isInputError } from "./util/errors.ts";
export { parseDuration, parseSize, parseRate } from "./util/units.ts";
