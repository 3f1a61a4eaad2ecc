import { describe, expect, it } from "vitest";
import { formatPath, issuesToInputError } from "../../src/scenario/issues.ts";

describe("issues", () => {
  it("formatPath() writes keys with dots and indices in brackets", () => {
    expect(formatPath(["model", "disks", 2, "size"])).toBe("model.disks[2].size");
    expect(formatPath([])).toBe("");
  });

  it("issuesToInputError() names the unknown key in the field path", () => {
    const error = issuesToInputError("mm1.yaml", [{ code: "unrecognized_keys", keys: ["servrs"], path: ["model"], message: "" }]);
    expect(error.message).toBe('mm1.yaml: model.servrs: unknown key "servrs" (see `rtolab schema` for the format)');
  });

  it("issuesToInputError() points an old key to what replaced it: vcpus → threads", () => {
    const error = issuesToInputError("boot.yaml", [{ code: "unrecognized_keys", keys: ["vcpus"], path: ["model"], message: "" }]);
    expect(error.message).toBe('boot.yaml: model.vcpus: no "vcpus" any more: the replay counts the guest\'s threads, not its vCPUs (docs/replay.md, rule 3); "threads" sets them (default 2)');
    // Elsewhere the same name is only an unknown key.
    const elsewhere = issuesToInputError("fleet.yaml", [{ code: "unrecognized_keys", keys: ["vcpus"], path: ["model", "vsas"], message: "" }]);
    expect(elsewhere.message).toBe('fleet.yaml: model.vsas.vcpus: unknown key "vcpus" (see `rtolab schema` for the format)');
  });

  it("issuesToInputError() keeps the message a generated options schema gives (it lists the valid keys)", () => {
    const message = 'unknown option "degre" of prefetch policy obl; expected one of degree';
    const error = issuesToInputError("s.yaml", [{ code: "unrecognized_keys", keys: ["degre"], path: ["model", "prefetch", "options"], message }]);
    expect(error.message).toBe(`s.yaml: model.prefetch.options.degre: ${message}`);
  });

  it("issuesToInputError() lists a discriminator's values without the `undefined` of a section's default policy", () => {
    const issue = { code: "invalid_union", errors: [], note: "No matching discriminator", discriminator: "policy", options: ["none", undefined, "obl"], path: ["model", "prefetch", "policy"], message: "" };
    expect(issuesToInputError("s.yaml", [issue as never]).message).toBe('s.yaml: model.prefetch.policy: expected one of "none", "obl"');
  });

  it("issuesToInputError() reports a missing required field", () => {
    const error = issuesToInputError("x.yaml", [
      { code: "invalid_type", expected: "string", path: ["name"], message: "Invalid input: expected string, received undefined" },
    ]);
    expect(error.message).toBe("x.yaml: name: required field missing (expected string)");
  });
});
