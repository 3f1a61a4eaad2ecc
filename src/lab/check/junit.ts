/** JUnit XML for CI systems: one test suite per scenario, one test case per check. Pure. */

/** One check's outcome. */
export interface CheckCase {
  scenario: string;
  name: string;
  /** Failure message; absent when the check passed. */
  failure?: string;
}

const xmlEntities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
const xml = (text: string): string => text.replace(/[&<>"']/g, (char) => xmlEntities[char]);

/**
 * The JUnit XML report of `cases` (no timestamps, so equal results give equal files).
 *
 * @example
 * junitXml([{ scenario: "mm1", name: "waitMean <= 5ms" }]).includes('<testcase classname="rtolab.check.mm1" name="waitMean &lt;= 5ms"/>') // => true
 */
export function junitXml(cases: readonly CheckCase[]): string {
  const scenarios = [...new Set(cases.map((c) => c.scenario))];
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="rtolab check" tests="${cases.length}" failures="${failures}">`];
  for (const scenario of scenarios) {
    const mine = cases.filter((c) => c.scenario === scenario);
    const failed = mine.filter((c) => c.failure !== undefined).length;
    lines.push(`  <testsuite name="${xml(scenario)}" tests="${mine.length}" failures="${failed}">`);
    for (const c of mine) {
      const head = `    <testcase classname="rtolab.check.${xml(scenario)}" name="${xml(c.name)}"`;
      lines.push(c.failure === undefined ? `${head}/>` : `${head}>\n      <failure message="${xml(c.failure)}"/>\n    </testcase>`);
    }
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>", "");
  return lines.join("\n");
}
