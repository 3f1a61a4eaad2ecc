/** The chart layer: one spec builder per standard view, rendering to SVG/PNG and result files. */
export { chartConfig, chartFont, type ChartOptions, type ChartRow } from "./common.ts";
export { comparisonBars, type ComparisonRow } from "./comparison-bars.ts";
export { hitRatioOverTime, type HitRatioRow } from "./hit-ratio-over-time.ts";
export { latencyOverTime, type LatencyRow, type PhaseMark } from "./latency-over-time.ts";
export { missRatioCurve, type MissRatioOptions, type MissRatioRow } from "./miss-ratio-curve.ts";
export { relocationProgress, type RelocationRow } from "./relocation-progress.ts";
export { pairedDifferences, type DifferenceOptions, type DifferenceRow } from "./paired-differences.ts";
export { paretoChart, paretoFrontier, type FrontierOptions, type FrontierRow } from "./pareto-frontier.ts";
export { sweepSurface, type SweepOptions, type SweepRow } from "./sweep-surface.ts";
export { bindingMap, type BindingMapOptions, type BindingRow } from "./binding-map.ts";
export { ttsDistribution, type TtsRow } from "./tts-distribution.ts";
export { utilisationOverTime, type UtilisationRow } from "./utilisation-over-time.ts";
export { chartFiles, compileChart, renderChart, renderPng, renderSvg, type CompiledChart, type PngOptions, type RenderedChart } from "./render.ts";
