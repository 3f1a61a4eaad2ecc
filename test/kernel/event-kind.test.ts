import { describe, expect, it } from "vitest";
import { eventKindCode, type EventKind } from "../../src/kernel/event-kind.ts";

describe("eventKindCode", () => {
  it("eventKindCode() is FNV-1a over the name's UTF-16LE bytes (values computed independently in Python)", () => {
    expect(eventKindCode("guest.issue")).toBe(0xe79577c2);
    expect(eventKindCode("test.event")).toBe(0xb9d48649);
  });

  it("eventKindCode() differs for names one character apart and is the same for equal names", () => {
    expect(eventKindCode("guest.issue")).not.toBe(eventKindCode("guest.issued"));
    expect(eventKindCode(`guest.${"issue"}`)).toBe(eventKindCode("guest.issue"));
  });

  it("eventKindCode() throws for a name with no component before a dot (untyped callers)", () => {
    expect(() => eventKindCode("issue" as EventKind)).toThrow(/<component>.<event>/);
    expect(() => eventKindCode(".issue")).toThrow(/<component>.<event>/);
    expect(() => eventKindCode((() => {}) as unknown as EventKind)).toThrow(/event kind/);
  });
});
