import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../../src/report/html/escape.ts";

describe("escapeHtml", () => {
  it("escapeHtml(text) escapes the five HTML-special characters", () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  });
});
