import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inlineScript, vegaScripts } from "../../../src/report/html/vega-runtime.ts";

describe("inlineScript", () => {
  it("inlineScript(text) escapes </script and <!-- and drops the source-map comment", () => {
    expect(inlineScript('a("</SCRIPT>", "<!--");\n//# sourceMappingURL=x.map\n')).toBe('a("<\\/SCRIPT>", "<\\!--");\n');
  });
});

describe("vegaScripts", () => {
  it("vegaScripts() inlines the installed vega, vega-lite and vega-embed builds, in that order, each whole", () => {
    const scripts = vegaScripts();
    const versions = ["vega", "vega-lite", "vega-embed"].map((name) => (JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")) as { version: string }).version);
    expect(scripts.match(/^<script>\/\* [a-z-]+ [0-9.]+ \(BSD-3-Clause\) \*\//gm)).toEqual([
      `<script>/* vega ${versions[0]} (BSD-3-Clause) */`, `<script>/* vega-lite ${versions[1]} (BSD-3-Clause) */`, `<script>/* vega-embed ${versions[2]} (BSD-3-Clause) */`,
    ]);
    const embed = inlineScript(readFileSync("node_modules/vega-embed/build/vega-embed.min.js", "utf8"));
    expect(scripts.includes(embed)).toBe(true);
    expect(scripts.match(/<\/script>/g)).toHaveLength(3);
    expect(vegaScripts()).toBe(scripts);
  });
});
