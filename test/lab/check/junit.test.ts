import { describe, expect, it } from "vitest";
import { junitXml } from "../../../src/lab/check/junit.ts";

describe("junitXml", () => {
  it("junitXml(cases) writes one suite per scenario with failures", () => {
    expect(junitXml([{ scenario: "mm1", name: "a <= 1" }, { scenario: "mm1", name: "b", failure: "x & y" }])).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="rtolab check" tests="2" failures="1">',
        '  <testsuite name="mm1" tests="2" failures="1">',
        '    <testcase classname="rtolab.check.mm1" name="a &lt;= 1"/>',
        '    <testcase classname="rtolab.check.mm1" name="b">',
        '      <failure message="x &amp; y"/>',
        "    </testcase>",
        "  </testsuite>",
        "</testsuites>",
        "",
      ].join("\n"),
    );
  });

  it("junitXml() groups by scenario in first-seen order and counts per suite", () => {
    const xml = junitXml([
      { scenario: "b", name: "1", failure: "f" },
      { scenario: "a", name: "2" },
      { scenario: "b", name: "3", failure: "g" },
      { scenario: "a", name: "4", failure: `"q" 'a' >` },
    ]);
    const suites = [...xml.matchAll(/<testsuite name="(\w)" tests="(\d)" failures="(\d)">/g)].map((m) => m.slice(1));
    expect(suites).toEqual([["b", "2", "2"], ["a", "2", "1"]]);
    expect(xml).toContain('<testsuites name="rtolab check" tests="4" failures="3">');
    expect(xml).toContain('<failure message="&quot;q&quot; &apos;a&apos; &gt;"/>');
    expect(junitXml([])).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="rtolab check" tests="0" failures="0">\n</testsuites>\n');
  });

  it("junitXml(cases, times) shares each scenario's run time among its cases and puts values in <system-out>", () => {
    const xml = junitXml(
      [
        { scenario: "mm1", name: "waitMean@base <= 4.5ms", output: "waitMean@base = 4.04 ± 0.07 ms; check <= 4.5" },
        { scenario: "mm1", name: "waitMean@base baseline", failure: "waitMean moved from 4 to 5 ms", output: "waitMean@base = 5 ms" },
      ],
      { mm1: 3.5 },
    );
    expect(xml.split("\n").slice(1, 10)).toEqual([
      '<testsuites name="rtolab check" tests="2" failures="1" time="3.500">',
      '  <testsuite name="mm1" tests="2" failures="1" time="3.500">',
      '    <testcase classname="rtolab.check.mm1" name="waitMean@base &lt;= 4.5ms" time="1.750">',
      "      <system-out>waitMean@base = 4.04 ± 0.07 ms; check &lt;= 4.5</system-out>",
      "    </testcase>",
      '    <testcase classname="rtolab.check.mm1" name="waitMean@base baseline" time="1.750">',
      '      <failure message="waitMean moved from 4 to 5 ms"/>',
      "      <system-out>waitMean@base = 5 ms</system-out>",
      "    </testcase>",
    ]);
  });
});
