/**
 * Rendering Vega-Lite specs to SVG (vega, headless, no network) and PNG (resvg), and the chart
 * files of a results folder. Output is byte-for-byte deterministic: renders run one at a time,
 * vega's clip and gradient id counters are reset before each, its random source is a fixed LCG,
 * and text is measured with DejaVu Sans's advance widths rather than whatever canvas the machine has.
 */
import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { canonicalJson } from "../../util/canonical-json.ts";
import type { FolderContents } from "../atomic-folder.ts";
import { textItemWidth, type TextItem } from "./text-metrics.ts";

/** Module state of vega's runtime that its type declarations leave out. */
interface VegaRuntimeState {
  setRandom(random: () => number): void;
  randomLCG(seed: number): () => number;
  textMetrics: { width: (item: TextItem, text?: unknown) => number };
}
const vegaState = vega as unknown as VegaRuntimeState;

/** A spec compiled to Vega, with every warning the compiler logged. */
export interface CompiledChart {
  vega: vega.Spec;
  warnings: string[];
}

/** A rendered chart: SVG text plus the compiler's and the runtime's warnings. */
export interface RenderedChart {
  svg: string;
  warnings: string[];
}

/** Collects vega(-lite) log messages at warn level and above; errors still throw. */
function collectingLogger(warnings: string[]): vega.LoggerInterface {
  let current = vega.Warn;
  const logger: vega.LoggerInterface = {
    level(level?: number) {
      if (level === undefined) return current as never;
      current = level;
      return logger as never;
    },
    error(...args: readonly unknown[]) {
      throw new Error(`chart rendering failed: ${args.map(String).join(" ")}`);
    },
    warn(...args: readonly unknown[]) {
      warnings.push(args.map(String).join(" "));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/**
 * Compiles a Vega-Lite spec to Vega, collecting the compiler's warnings instead of printing them.
 *
 * @example
 * const rows = [{ policy: "lru", size: 1, missRatio: 0.4 }, { policy: "lru", size: 2, missRatio: 0.25 }];
 * compileChart(missRatioCurve(rows, { sizeUnit: "GiB" })).warnings // => []
 */
export function compileChart(spec: TopLevelSpec): CompiledChart {
  const warnings: string[] = [];
  const compiled = compile(spec, { logger: collectingLogger(warnings) });
  return { vega: compiled.spec, warnings };
}

/** A loader that refuses every request: charts carry their data inline and never fetch. */
function offlineLoader(): vega.Loader {
  const refuse = (uri: string): Promise<never> => Promise.reject(new Error(`charts load no external data (asked for ${uri})`));
  return { options: {}, sanitize: refuse, load: refuse, file: refuse, http: refuse } as unknown as vega.Loader;
}

/** Renders run one at a time, since vega's id counters and random source are module state. */
let renderQueue: Promise<unknown> = Promise.resolve();

function serialised<T>(task: () => Promise<T>): Promise<T> {
  const result = renderQueue.then(task);
  renderQueue = result.catch(() => undefined);
  return result;
}

/**
 * Renders a Vega-Lite spec to SVG text, returning it with all warnings logged by the compiler
 * and the vega runtime. Throws when vega reports an error.
 *
 * @example
 * const rows = [{ strategy: "lazy", ttsSeconds: 55 }, { strategy: "profile", ttsSeconds: 44 }];
 * // vega warns at run time about the box plot's empty outlier layer (nothing is wrong with the chart)
 * (await renderChart(ttsDistribution(rows))).warnings // => ['Infinite extent for field "ttsSeconds": [Infinity, -Infinity]']
 */
export function renderChart(spec: TopLevelSpec): Promise<RenderedChart> {
  const { vega: vgSpec, warnings } = compileChart(spec);
  return serialised(async () => {
    vegaState.setRandom(vegaState.randomLCG(1));
    vegaState.textMetrics.width = textItemWidth;
    vega.resetSVGDefIds();
    const view = new vega.View(vega.parse(vgSpec), {
      renderer: "none",
      loader: offlineLoader(),
      logger: collectingLogger(warnings),
      logLevel: vega.Warn,
    });
    try {
      const svg = await view.toSVG();
      return { svg, warnings };
    } finally {
      view.finalize();
    }
  });
}

/**
 * Renders a Vega-Lite spec to standalone SVG text (width and height in CSS pixels).
 *
 * @example
 * const rows = [{ policy: "lru", size: 1, missRatio: 0.4 }, { policy: "lru", size: 2, missRatio: 0.25 }];
 * (await renderSvg(missRatioCurve(rows, { sizeUnit: "GiB" }))).startsWith("<svg") // => true
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  return (await renderChart(spec)).svg;
}

/** Options of {@link renderPng}. */
export interface PngOptions {
  /** Device pixels per CSS pixel; default 2 (crisp on slides and high-density screens). */
  scale?: number;
  /** Font files to load; default the DejaVu Sans regular and bold of Debian's fonts-dejavu-core. */
  fontFiles?: string[];
}

const dejaVuDir = "/usr/share/fonts/truetype/dejavu";
const dejaVuFiles = [`${dejaVuDir}/DejaVuSans.ttf`, `${dejaVuDir}/DejaVuSans-Bold.ttf`];

/**
 * Rasterises SVG text to PNG bytes with resvg. Loads only the given font files when they exist
 * (so output does not depend on what else is installed), the system fonts otherwise.
 *
 * @example
 * const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>';
 * renderPng(svg).subarray(1, 4) // => Uint8Array.of(80, 78, 71) // "PNG"
 */
export function renderPng(svg: string, options: PngOptions = {}): Uint8Array {
  const scale = options.scale ?? 2;
  if (!(scale > 0)) throw new Error(`renderPng requires a positive scale, got ${scale}`);
  const fontFiles = (options.fontFiles ?? dejaVuFiles).filter((file) => existsSync(file));
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: { loadSystemFonts: fontFiles.length === 0, fontFiles, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return new Uint8Array(resvg.render().asPng());
}

/**
 * The files of one chart for a results folder: `charts/<name>.vl.json` (the spec, sorted keys),
 * `charts/<name>.svg` and `charts/<name>.png`. `name` must be a plain file stem.
 *
 * @example
 * const rows = [{ policy: "lru", size: 1, missRatio: 0.4 }, { policy: "lru", size: 2, missRatio: 0.25 }];
 * const spec = missRatioCurve(rows, { sizeUnit: "GiB" });
 * [...(await chartFiles("mrc", spec)).keys()] // => ["charts/mrc.vl.json", "charts/mrc.svg", "charts/mrc.png"]
 */
export async function chartFiles(name: string, spec: TopLevelSpec, options: PngOptions = {}): Promise<FolderContents> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new Error(`chartFiles requires a name of letters, digits, ".", "_" and "-", got ${JSON.stringify(name)}`);
  }
  const svg = await renderSvg(spec);
  return new Map<string, string | Uint8Array>([
    [`charts/${name}.vl.json`, `${canonicalJson(spec, 2)}\n`],
    [`charts/${name}.svg`, svg],
    [`charts/${name}.png`, renderPng(svg, options)],
  ]);
}
