import { describe, expect, it } from "vitest";
import { Fingerprint, Interner } from "../../src/kernel/fingerprint.ts";

describe("Fingerprint", () => {
  it("fingerprint.hex() starts at the FNV-1a offset basis", () => {
    expect(new Fingerprint().hex()).toBe("811c9dc5");
  });

  it("fingerprint.add() gives a fixed hash for fixed events and depends on order", () => {
    const a = new Fingerprint();
    a.add(1000, 1, 2);
    a.add(2 ** 40, 3, 4);
    const b = new Fingerprint();
    b.add(2 ** 40, 3, 4);
    b.add(1000, 1, 2);
    expect(a.hex()).toBe(a.hex());
    expect(a.hex()).not.toBe(b.hex());
    expect(a.count).toBe(2);
    const c = new Fingerprint();
    c.add(0, 0, 0);
    // FNV-1a of 16 zero bytes.
    expect(c.hex()).toBe("69691905");
  });

  it("fingerprint.add() hashes words of one to four bytes as FNV-1a byte by byte (golden value)", () => {
    const f = new Fingerprint();
    f.add(1000, 1, 2);
    f.add(2 ** 40 + 5, 300, 70000);
    f.add(0, 0, 255);
    f.add(2 ** 32, 256, 1);
    expect(f.hex()).toBe("52a80518"); // from the byte-by-byte implementation
  });

  it("fingerprint.add() distinguishes the high word of large times", () => {
    const a = new Fingerprint();
    a.add(5, 0, 0);
    const b = new Fingerprint();
    b.add(5 + 2 ** 32, 0, 0);
    expect(a.hex()).not.toBe(b.hex());
  });
});

describe("Interner", () => {
  it("interner.id() assigns consecutive ids from 1 in first-seen order", () => {
    const names = new Interner<string>();
    expect([names.id("a"), names.id("b"), names.id("a"), names.id("c")]).toEqual([1, 2, 1, 3]);
    expect(names.name(2)).toBe("b");
    expect(names.name(0)).toBeUndefined();
  });
});
