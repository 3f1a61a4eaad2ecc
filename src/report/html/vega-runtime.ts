/**
 * The browser builds of vega, vega-lite and vega-embed, read from the installed packages when a
 * report is written and inlined once per report.html, so its charts are interactive offline
 * (no CDN, no network). Read once per process; the text depends only on the installed versions.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** Packages and their browser (UMD) builds, in load order: vega-embed needs vega and vega-lite as globals. */
export const VEGA_BUNDLES: readonly (readonly [string, string])[] = [
  ["vega", "vega.min.js"],
  ["vega-lite", "vega-lite.min.js"],
  ["vega-embed", "vega-embed.min.js"],
];

let cached: string | undefined;

/**
 * One script's text made safe to stand inside `<script>…</script>`: its source-map comment
 * dropped (nothing is fetched, not even by developer tools), and any `</script` or `<!--`
 * escaped as `<\/script` / `<\!--`, which JavaScript reads the same inside strings and regexes.
 *
 * @example
 * inlineScript('var a = "</script>";\n//# sourceMappingURL=a.js.map\n') // => 'var a = "<\\/script>";\n'
 */
export function inlineScript(text: string): string {
  return text.replace(/^\/\/# sourceMappingURL=.*$/gm, "").replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--").replace(/\n+$/, "\n");
}

/**
 * The three browser builds as one `<script>` element each (vega, vega-lite, vega-embed), for
 * the head of report.html: about 830 KB of minified JavaScript, read from node_modules on first
 * use and cached.
 *
 * @example
 * const scripts = vegaScripts();
 * [scripts.split("<script>").length - 1, scripts.includes("sourceMappingURL")] // => [3, false]
 */
export function vegaScripts(): string {
  if (cached !== undefined) return cached;
  cached = VEGA_BUNDLES.map(([name, file]) => {
    const build = join(dirname(require.resolve(name)), file);
    return `<script>/* ${name} ${packageVersion(name, build)} (BSD-3-Clause) */\n${inlineScript(readFileSync(build, "utf8"))}</script>`;
  }).join("\n");
  return cached;
}

/** The version of an installed package, from the package.json above its build folder. */
function packageVersion(name: string, build: string): string {
  const manifest = JSON.parse(readFileSync(join(dirname(dirname(build)), "package.json"), "utf8")) as { name?: string; version?: string };
  if (manifest.name !== name) throw new Error(`report scripts: ${build} is not in the ${name} package`);
  return manifest.version ?? "?";
}
