import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadProfile, profileFromJson, profileToJson, saveProfile } from "../../../src/workloads/profile/serialize.ts";
import type { Profile } from "../../../src/workloads/profile/types.ts";

const profile: Profile = { version: 1, blockSize: 4096, runs: 2, blocks: [10, 50, 8], runCounts: [2, 2, 1] };
const dir = mkdtempSync(join(tmpdir(), "rtolab-profile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("serialize", () => {
  it("saveProfile() then loadProfile() round-trips a profile", () => {
    const path = join(dir, "vm.profile.json");
    saveProfile(path, profile);
    expect(loadProfile(path)).toEqual(profile);
  });

  it("profileToJson() writes the version first and one array per line", () => {
    expect(profileToJson(profile)).toBe(
      '{\n  "version": 1,\n  "blockSize": 4096,\n  "runs": 2,\n  "blocks": [10,50,8],\n  "runCounts": [2,2,1]\n}\n',
    );
  });

  it("profileFromJson() rejects a bad file naming the file, the field path and the expectation", () => {
    const bad = (patch: Record<string, unknown>) => JSON.stringify({ ...profile, ...patch });
    expect(() => profileFromJson("{", "p.json")).toThrow(/^p\.json: a JSON operational profile \(/);
    expect(() => profileFromJson("[]", "p.json")).toThrow("p.json: a JSON object with version, blockSize, runs, blocks and runCounts");
    expect(() => profileFromJson(bad({ version: 2 }), "p.json")).toThrow("p.json: version: 1 (the profile format this rtolab reads), got 2");
    expect(() => profileFromJson(bad({ blockSize: 0 }), "p.json")).toThrow("p.json: blockSize: a positive integer (bytes)");
    expect(() => profileFromJson(bad({ runs: "2" }), "p.json")).toThrow("p.json: runs: a positive integer");
    expect(() => profileFromJson(bad({ blocks: {} }), "p.json")).toThrow("p.json: blocks: an array of block numbers");
    expect(() => profileFromJson(bad({ runCounts: [1] }), "p.json")).toThrow("p.json: runCounts: an array as long as blocks (3)");
    expect(() => profileFromJson(bad({ blocks: [1, -2, 3] }), "p.json")).toThrow("p.json: blocks[1]: a non-negative integer block number");
    expect(() => profileFromJson(bad({ blocks: [1, 2, 1] }), "p.json")).toThrow("p.json: blocks[2]: a block not listed before (1 is)");
    expect(() => profileFromJson(bad({ runCounts: [1, 3, 1] }), "p.json")).toThrow("p.json: runCounts[1]: an integer from 1 to runs (2)");
  });

  it("loadProfile() of a missing file throws an InputError naming it", () => {
    const path = join(dir, "missing.json");
    expect(() => loadProfile(path)).toThrow(`${path}: a readable operational profile file (ENOENT)`);
  });
});
