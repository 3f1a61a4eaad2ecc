import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rtolabVersion } from "../../src/util/version.ts";

describe("rtolabVersion", () => {
  it("rtolabVersion() is package.json's version, a semver string", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    expect(rtolabVersion()).toBe(pkg.version);
    expect(rtolabVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
