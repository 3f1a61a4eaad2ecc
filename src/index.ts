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
export { customerProgress, runQueueStation, type QueueStationOptions, type QueueStationResult } from "./models/queueing/station.ts";
export { runPriorityStation, type PriorityStationOptions, type PriorityStationResult, type PriorityDiscipline } from "./models/queueing/priority-station.ts";

// Workloads: traces, replay, synthetic generators, operational profiles.
export { openTrace, detectTraceFormat, TRACE_FORMATS } from "./workloads/traces/open.ts";
export type { TraceRequest, TraceFormat, BlockOp } from "./workloads/traces/types.ts";
export { traceInfo, formatTraceInfo, type TraceInfo } from "./workloads/traces/info.ts";
export { convertTrace, openTraceWriter } from "./workloads/traces/convert.ts";
export { inferReplayPlan, openLoopPlan, planMilestone, traceTimes, type ReplayPlan, type TraceTimes } from "./workloads/replay/plan.ts";
export { predictReplay, predictMilestone, criticalPath } from "./workloads/replay/predict.ts";
export { startGuestReplay, type GuestReplay, type GuestReplayOptions } from "./workloads/replay/driver.ts";
export { chainPlan, slackPlan, milestoneBand, type Banded } from "./workloads/replay/band.ts";
export { calibrateReplayPlan, alignRecordings, type Calibration } from "./workloads/replay/calibrate.ts";
export { loadPlanFile, planFileText } from "./workloads/replay/plan-file.ts";
export { validationTable, summarizeValidation, noiseRows, whatIfReplay, type WhatIfPair, type WhatIfRecording, type ValidationRow, type RepeatBoots, type NoiseRow } from "./workloads/replay/validate.ts";
export { filterWaitsUs, throttledServiceUs, type DiskThrottle } from "./workloads/replay/throttle.ts";
export { heldWaitsUs, backendServiceUs } from "./workloads/replay/held-waits.ts";
export { CacheFilter, CacheLock, cacheWaitsUs, warmCacheServiceUs, NBDKIT_CACHE_BLOCK_BYTES, type CacheMode, type WarmCache, type ServerCall } from "./workloads/replay/warm-cache.ts";
export { phaseRows, type PhaseRow } from "./workloads/replay/phases.ts";
export { stretchRows, stretchInterval, type BootFamily, type StretchRow } from "./workloads/replay/stretch.ts";
export { serialRunMembers, SERIAL_RUN_US } from "./workloads/replay/serial-run.ts";
export * from "./workloads/synthetic/index.ts";
export * from "./workloads/profile/index.ts";

// Definitions: what every policy and device declares (parameters, defaults, bounds, inputs).
export type { InputDefinition, ModelDefinition, ParameterDefinition, ParameterType, ParameterValue, ParameterValues, PolicyDefinition, PolicyEntry, ValueOf } from "./util/definitions.ts";

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
export type { MetricValue, ModelKind, PartitionedReplication, ReplicationContext, ReplicationResult, ResourceNeed, Table } from "./contracts/model-kind.ts";
export * from "./lab/sweep/index.ts";
export { compareResults, compareValues, readReplicationTable, type CompareRequest, type Effect, type MetricComparison, type ReplicationTable, type ReplicationValue } from "./lab/compare.ts";
export { confidenceInterval, studentTQuantile } from "./metrics/confidence.ts";
export { mm1, mmc, mg1, md1, erlangC, nonPreemptivePriority, preemptiveResumePriority, type PriorityClassLoad, type PriorityClassMetrics } from "./metrics/queueing-theory.ts";
export { summarizeReplications, type MetricSummary } from "./metrics/summarize.ts";
export * from "./report/charts/index.ts";
export { buildReportHtml } from "./report/html/report.ts";
export { writeRunResults } from "./report/run-results.ts";
export { InputError, InvariantError, isInputError } from "./util/errors.ts";
export { parseDuration, parseSize, parseRate } from "./util/units.ts";

// Types that the functions above take or return, exported so programs can name them (and the
// API reference, `npm run docs:api`, links them).
export type { IoClass } from "./contracts/io-class.ts";
export type { EventKernel, EventWaiter, SimEvent } from "./kernel/events.ts";
export type { Process, ProcessBody, ProcessSteps } from "./kernel/process.ts";
export type { Preempted, Request, ResourceOptions } from "./kernel/resource.ts";
export type { EventCallback, EventObserver } from "./kernel/simulation.ts";
export type { EventKind } from "./kernel/event-kind.ts";
export type { ResourceLimits } from "./lab/resources.ts";
export type { FieldValues } from "./lab/sweep/points.ts";
export type { ConfidenceInterval } from "./metrics/confidence.ts";
export type { QueueMetrics } from "./metrics/queueing-theory.ts";
export type { DiskScheduler } from "./models/devices/disk-scheduling.ts";
export type { SeekCurve, SeekFigures } from "./models/devices/hdd-geometry.ts";
export type { ClassDispatch, QueueShape, QueuedRequest } from "./models/devices/queued-device.ts";
export type { StripePart } from "./models/devices/striped-array.ts";
export type { Dispatch, PriorityClassOptions, PriorityClassResult, PriorityStationRunOptions } from "./models/queueing/priority-station.ts";
export type { QueueStationRunOptions } from "./models/queueing/station.ts";
export type { LoadMeasure } from "./policies/balancing/types.ts";
export type { CacheStats } from "./policies/cache/cache.ts";
export type { AccessChunk } from "./policies/cache/cachesim/access-chunks.ts";
export type { AccessStream, CachesimJob, CachesimOptions } from "./policies/cache/cachesim/cachesim.ts";
export type { CacheKey, EvictionListener } from "./policies/cache/types.ts";
export type { PrefetchEvaluation, PrefetchTimingModel } from "./policies/prefetch/evaluate.ts";
export type { PolicyOptionsRecord, SelectionOutput, SelectionSpec } from "./policies/registry.ts";
export type { FolderContents } from "./report/atomic-folder.ts";
export type { ChartValue } from "./report/charts/common.ts";
export type { ReportChart, ReportInput } from "./report/html/report.ts";
export type { PivotCell, PivotRow, PivotTable } from "./report/html/pivot-table.ts";
export type { ChartFormat, NamedView } from "./report/run-report.ts";
export type { ClassCounts, ReadTrackingStats } from "./restore/read-tracking.ts";
export type { ScenarioSchema } from "./scenario/load.ts";
export type { SweepSpec } from "./scenario/sweep.ts";
export type { ReplayInferenceOptions, ReplayMilestone, ResumeCost } from "./workloads/replay/plan.ts";
export type { CriticalPath, ReplayTiming } from "./workloads/replay/predict.ts";
export type { ValidationSummary } from "./workloads/replay/validate.ts";
export type { ConvertFormat, ConvertOptions, ConvertResult, TraceWriter } from "./workloads/traces/convert.ts";
export type { HistogramBucket, TraceInfoOptions } from "./workloads/traces/info.ts";
export type { BackgroundLimit } from "./models/devices/background-limit.ts";
export { VALIDATION_TARGETS } from "./workloads/replay/validate.ts";
