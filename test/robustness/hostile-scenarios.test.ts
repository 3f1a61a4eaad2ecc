import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/lab/load.ts";
import { isInputError } from "../../src/util/errors.ts";
import { HOSTILE_CASES } from "./hostile-cases.ts";

const dir = mkdtempSync(join(tmpdir(), "rtolab-hostile-"));

describe("loadScenario(hostile input)", () => {
  for (const hostile of HOSTILE_CASES) {
    it(`loadScenario(${hostile.title}) fails with one line: ${hostile.expected.slice(0, 60)}`, () => {
      const path = join(dir, hostile.file);
      writeFileSync(path, hostile.text);
      const started = performance.now();
      let message = "";
      try {
        loadScenario(path, { sets: hostile.sets });
      } catch (error) {
        if (!isInputError(error)) throw error;
        expect([path, "--set"]).toContain(error.source);
        message = error.message;
      }
      expect(message).toBe(hostile.expected.replace("FILE", path));
      expect(message).not.toMatch(/[\n\r\u2028\u2029]/);
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty("servers");
    });
  }
});
