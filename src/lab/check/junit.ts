/**
 * JUnit XML for CI systems: one test suite per scenario, one test case per check. Pure. Test
 * names are stable across baseline updates (`tts@profile <= 50s`, `waitMean@base baseline`);
 * the numbers go in each case's `<system-out>` and failure message. `time` is the scenario's
 * wall-clock run time in seconds on its suite, shared evenly among its cases so that sums agree.
 */

/** One check's outcome. */
export interface CheckCase {
  scenario: string;
  name: string;
  /** Failure message; absent when the check passed. */
  failure?: string;
  /** The values checked, e.g. `waitMean = 4.04 ± 0.07 ms; check <= 4.5`. */
  output?: string;
}

const xmlEntities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
const xml = (text: string): string => text.replace(/[&<>"']/g, (char) => xmlEntities[char]);
const seconds = (s: number): string => s.toFixed(3);

/**
 * The JUnit XML report of `cases`; `times` gives each scenario's run time in seconds (without
 * it, no `time` attributes, so equal results give equal files).
 *
 * @example
 * junitXml([{ scenario: "mm1", name: "waitMean@base <= 5ms" }]).includes('<testcase classname="rtolab.check.mm1" name="waitMean@base &lt;= 5ms"/>') // => true
 * junitXml([{ scenario: "mm1", name: "a" }, { scenario: "mm1", name: "b" }], { mm1: 3 }).includes('<testcase classname="rtolab.check.mm1" name="a" time="1.500"/>') // => true
 */
export function junitXml(cases: readonly CheckCase[], times?: Readonly<Record<string, number>>): string {
  const scenarios = [...new Set(cases.map((c) => c.scenario))];
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const total = times ? ` time="${seconds(scenarios.reduce((sum, s) => sum + (times[s] ?? 0), 0))}"` : "";
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="rtolab check" tests="${cases.length}" failures="${failures}"${total}>`];
  for (const scenario of scenarios) {
    const mine = cases.filter((c) => c.scenario === scenario);
    const failed = mine.filter((c) => c.failure !== undefined).length;
    const time = times?.[scenario];
    lines.push(`  <testsuite name="${xml(scenario)}" tests="${mine.length}" failures="${failed}"${time === undefined ? "" : ` time="${seconds(time)}"`}>`);
    for (const c of mine) {
      const head = `    <testcase classname="rtolab.check.${xml(scenario)}" name="${xml(c.name)}"${time === undefined ? "" : ` time="${seconds(time / mine.length)}"`}`;
      const body = [
        ...(c.failure === undefined ? [] : [`      <failure message="${xml(c.failure)}"/>`]),
        ...(c.output === undefined ? [] : [`      <system-out>${xml(c.output)}</system-out>`]),
      ];
      lines.push(body.length === 0 ? `${head}/>` : `${head}>\n${body.join("\n")}\n    </testcase>`);
    }
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>", "");
  return lines.join("\n");
}
