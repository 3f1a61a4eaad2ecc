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

  it("fingerprint.addWords() with signed words (time | 0, a kind code | 0) hashes like add() and like FNV-1a over the bytes", () => {
    // Reference: FNV-1a over each word's four bytes, least significant first.
    const fnv = (words: number[]) => {
      let h = 0x811c9dc5;
      for (const w of words) for (let k = 0; k < 4; k++) h = Math.imul(h ^ (Math.floor(w / 2 ** (8 * k)) & 0xff), 0x01000193);
      return (h >>> 0).toString(16).padStart(8, "0");
    };
    const time = 3e9 + 2 ** 33; // low word past 2^31: negative as an int32
    const kind = 0xdeadbeef; // a kind code past 2^31
    const viaAdd = new Fingerprint();
    viaAdd.add(time, kind, 7);
    const viaWords = new Fingerprint();
    viaWords.addWords(time | 0, Math.floor(time / 2 ** 32) | 0, kind | 0, 7);
    expect(time | 0).toBeLessThan(0);
    expect(viaWords.hex()).toBe(viaAdd.hex());
    expect(viaAdd.hex()).toBe(fnv([time % 2 ** 32, Math.floor(time / 2 ** 32), kind, 7]));
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
