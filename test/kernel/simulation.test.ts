import { describe, expect, it } from "vitest";
import { PROGRESS_EVERY_EVENTS, setEventBudget, Simulation, watchProgress } from "../../src/kernel/simulation.ts";
import { eventKindCode, type EventKind } from "../../src/kernel/event-kind.ts";
import { Fingerprint } from "../../src/kernel/fingerprint.ts";

describe("Simulation", () => {
  it("sim.schedule() runs callbacks in time order with their data", () => {
    const sim = new Simulation();
    const log: Array<[number, string]> = [];
    const record = (name: string) => log.push([sim.now, name]);
    sim.schedule(300, "test.event", record, "c");
    sim.schedule(100, "test.event", record, "a");
    sim.schedule(200, "test.event", record, "b");
    expect(sim.run()).toBe(3);
    expect(log).toEqual([[100, "a"], [200, "b"], [300, "c"]]);
    expect(sim.now).toBe(300);
  });

  it("sim.schedule() runs same-time same-priority events first-in-first-out", () => {
    const sim = new Simulation();
    const log: number[] = [];
    for (let i = 0; i < 50; i++) sim.schedule(7, "test.event", (x: number) => log.push(x), i);
    sim.run();
    expect(log).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("sim.schedule() with a lower priority runs first at the same time", () => {
    const sim = new Simulation();
    const log: string[] = [];
    sim.schedule(5, "test.event", (x: string) => log.push(x), "normal", 0);
    sim.schedule(5, "test.event", (x: string) => log.push(x), "late", 1);
    sim.schedule(5, "test.event", (x: string) => log.push(x), "urgent", -1);
    sim.run();
    expect(log).toEqual(["urgent", "normal", "late"]);
  });

  it("sim.schedule(0, …) events run after earlier same-time events, FIFO, with urgent ones scheduled later first", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const push = (x: string) => log.push(x);
    sim.schedule(10, "test.event", () => {
      push("t10");
      sim.schedule(0, "test.event", push, "zero1");
      sim.schedule(0, "test.event", () => {
        push("zero2");
        sim.schedule(0, "test.event", push, "urgent", -1);
        sim.schedule(0, "test.event", push, "zero4");
        sim.schedule(0, "test.event", push, "late", 1);
      });
      sim.schedule(0, "test.event", push, "zero3");
    });
    sim.schedule(10, "test.event", push, "t10b"); // scheduled earlier for t = 10: before the zero-delay events
    sim.schedule(11, "test.event", push, "t11");
    sim.run();
    expect(log).toEqual(["t10", "t10b", "zero1", "zero2", "urgent", "zero3", "zero4", "late", "t11"]);
    expect(sim.pending).toBe(0);
  });

  it("a simulation renumbers pending events when sequences reach sequenceLimit and keeps their order", () => {
    const run = (sequenceLimit?: number): string[] => {
      const sim = new Simulation({ sequenceLimit });
      const log: string[] = [];
      const push = (x: string) => log.push(x);
      for (let i = 0; i < 6; i++) sim.schedule(10 * (i % 3), "test.event", push, `a${i}`, i % 2 === 0 ? 0 : -1);
      sim.schedule(0, "test.event", () => {
        for (let i = 0; i < 4; i++) sim.schedule(0, "test.event", push, `z${i}`);
        sim.schedule(0, "test.event", push, "urgent", -1);
        sim.schedule(10, "test.event", push, "b10");
      });
      sim.run();
      return log;
    };
    expect(run(3)).toEqual(run());
    expect(run(3)).toEqual(["a3", "a0", "urgent", "z0", "z1", "z2", "z3", "a1", "a4", "b10", "a5", "a2"]);
  });

  it("sim.postStart() runs a start where an urgent event queued at that moment would run, renumbering included", () => {
    const run = (sequenceLimit?: number): string[] => {
      const sim = new Simulation({ sequenceLimit });
      const log: string[] = [];
      const push = (x: string) => log.push(x);
      const start = (name: string) => ({ start: () => log.push(name) });
      sim.schedule(5, "test.event", () => {
        sim.schedule(0, "test.event", push, "normal");
        sim.postStart(start("s1"));
        sim.schedule(0, "test.event", push, "urgent", -1); // after s1: queued later at the same priority
        sim.schedule(0, "test.event", push, "more urgent", -2); // before s1 and the urgent one
        sim.postStart(start("s2"));
      }, undefined, -2);
      sim.schedule(5, "test.event", push, "queued before", -1); // urgent, pending when the starts are queued
      sim.run();
      return log;
    };
    expect(run()).toEqual(["more urgent", "queued before", "s1", "urgent", "s2", "normal"]);
    expect(run(2)).toEqual(run());
  });

  it("sim.postTrigger() runs a trigger where post(0, \"kernel.trigger\", …) would, hashed alike, through ring growth, purges of cancelled events and renumbering", () => {
    // count same-time events, every 1,000th with a trigger and a live event; a sequenceLimit below
    // the pending count renumbers at every schedule, so that run is kept small (quadratic).
    const run = (viaTrigger: boolean, sequenceLimit?: number, count = 70_000) => {
      const sim = new Simulation({ fingerprint: true, sequenceLimit });
      const log: string[] = [];
      const push = (x: string) => log.push(x);
      const trigger = (name: string) => {
        const event = { process: () => log.push(name) };
        if (viaTrigger) sim.postTrigger(event);
        else sim.post(0, "kernel.trigger", (e: { process(): void }) => e.process(), event);
      };
      sim.schedule(5, "test.event", () => {
        // 70,000 cancelled same-time events (a purge at 65,536) among 70 triggers and 70 live events (ring growth past 64).
        for (let i = 0; i < count; i++) {
          sim.cancel(sim.schedule(0, "test.event", push, "cancelled"));
          if (i % 1000 === 0) {
            trigger(`t${i}`);
            sim.schedule(0, "test.event", push, `n${i}`);
          }
        }
        sim.schedule(0, "test.event", push, "urgent", -1);
      });
      sim.schedule(5, "test.event", push, "queued before");
      sim.run();
      return { log, fingerprint: sim.fingerprint(), events: sim.eventsExecuted };
    };
    const reference = run(false);
    const expected = ["urgent", "queued before"]; // urgent first; then FIFO by sequence
    for (let i = 0; i < 70_000; i += 1000) expected.push(`t${i}`, `n${i}`);
    expect(reference.log).toEqual(expected);
    expect(run(true)).toEqual(reference);
    const small = run(false, undefined, 5_000);
    expect(small.log).toEqual(["urgent", "queued before", "t0", "n0", "t1000", "n1000", "t2000", "n2000", "t3000", "n3000", "t4000", "n4000"]);
    expect(run(true, 1000, 5_000)).toEqual(small);
  });

  it("sim.postStart() counts as an executed event, is pending and is hashed as a process.start event", () => {
    const viaStart = new Simulation({ fingerprint: true });
    const viaPost = new Simulation({ fingerprint: true });
    let started = 0;
    viaStart.schedule(3, "test.event", () => viaStart.postStart({ start: () => started++ }));
    viaPost.schedule(3, "test.event", () => viaPost.post(0, "process.start", () => started++, undefined, -1));
    viaStart.step();
    expect([viaStart.pending, viaStart.peek()]).toEqual([1, 3]);
    expect(viaStart.run()).toBe(1);
    viaPost.run();
    expect([started, viaStart.eventsExecuted, viaStart.fingerprint()]).toEqual([2, 2, viaPost.fingerprint()]);
  });

  it("sim.cancelSlot() cancels a pending postInSlot event, which then neither runs nor counts", () => {
    const sim = new Simulation();
    const ran: string[] = [];
    const kept = sim.postInSlot(5, "test.event", (x: string) => ran.push(x), "kept");
    const dropped = sim.postInSlot(5, "test.event", (x: string) => ran.push(x), "dropped");
    expect(kept).not.toBe(dropped);
    expect(sim.cancelSlot(dropped)).toBe(true);
    expect(sim.cancelSlot(dropped)).toBe(false);
    expect(sim.run()).toBe(1);
    expect(ran).toEqual(["kept"]);
  });

  it("sim.scheduleReserved() runs an event where a schedule at its reserveSequence() would have: before later same-time events, after earlier ones, at the current time too", () => {
    // Each tentative event is scheduled both ways: eagerly (a schedule at reservation time) and
    // lazily (reserved then, queued only later, while other events are queued in between).
    const run = (lazy: boolean): string[] => {
      const sim = new Simulation();
      const log: string[] = [];
      const push = (x: string) => log.push(x);
      sim.schedule(10, "test.event", push, "before10");
      sim.schedule(0, "test.event", () => {
        const later = lazy ? sim.reserveSequence() : -1;
        const now = lazy ? sim.reserveSequence() : -1;
        if (!lazy) {
          sim.schedule(10, "test.event", push, "tentative10");
          sim.schedule(0, "test.event", push, "tentative0");
        }
        sim.schedule(10, "test.event", push, "after10");
        sim.schedule(0, "test.event", push, "after0"); // in the ring, behind the reserved number
        if (lazy) {
          sim.scheduleReserved(10, later, "test.event", push, "tentative10");
          sim.scheduleReserved(0, now, "test.event", push, "tentative0");
        }
      });
      sim.run();
      return log;
    };
    expect(run(true)).toEqual(run(false));
    expect(run(true)).toEqual(["tentative0", "after0", "before10", "tentative10", "after10"]);
    const sim = new Simulation();
    expect(() => sim.scheduleReserved(5, 0, "test.event", () => {})).toThrow(/from reserveSequence/);
  });

  it("a simulation calls onRenumber hooks before renumbering, so reserved events queued then keep their order", () => {
    const run = (sequenceLimit?: number): string[] => {
      const sim = new Simulation({ sequenceLimit });
      const log: string[] = [];
      const push = (x: string) => log.push(x);
      const held: Array<[number, number, string]> = [];
      sim.onRenumber(() => {
        for (const [time, seq, name] of held.splice(0)) sim.scheduleReserved(time, seq, "test.event", push, name);
      });
      for (let i = 0; i < 4; i++) held.push([5, sim.reserveSequence(), `held${i}`]);
      for (let i = 0; i < 6; i++) sim.schedule(5, "test.event", push, `s${i}`);
      for (const [time, seq, name] of held.splice(0)) sim.scheduleReserved(time, seq, "test.event", push, name);
      sim.run();
      return log;
    };
    expect(run(6)).toEqual(run());
    expect(run(6)).toEqual(["held0", "held1", "held2", "held3", "s0", "s1", "s2", "s3", "s4", "s5"]);
  });

  it("sim.schedule() passes the simulation to the callback and supports scheduling from callbacks", () => {
    const sim = new Simulation();
    let count = 0;
    const tick = (_: undefined, s: Simulation) => {
      count++;
      if (count < 10) s.schedule(1_000, "test.event", tick);
    };
    sim.schedule(0, "test.event", tick);
    sim.run();
    expect(count).toBe(10);
    expect(sim.now).toBe(9_000);
  });

  it("sim.post() is schedule() without a handle: the same events in the same order, the same fingerprint", () => {
    const run = (usePost: boolean) => {
      const sim = new Simulation({ fingerprint: true });
      const log: string[] = [];
      const record = (name: string) => log.push(`${name}@${sim.now}`);
      // Times past 2^32 ns, same-time ties, priorities and zero delays (the ring) on both paths.
      for (let i = 0; i < 50; i++) {
        const delay = 5e9 + (i % 7) * 1000;
        if (usePost) sim.post(delay, "test.event", record, `e${i}`, i % 3 === 0 ? -1 : 0);
        else sim.schedule(delay, "test.event", record, `e${i}`, i % 3 === 0 ? -1 : 0);
      }
      sim.schedule(0, "test.event", () => (usePost ? sim.post(0, "test.zero", record, "z") : sim.schedule(0, "test.zero", record, "z")));
      sim.run();
      return { log, fingerprint: sim.fingerprint() };
    };
    const viaPost = run(true);
    expect(viaPost).toEqual(run(false));
    expect(viaPost.log.slice(0, 3)).toEqual(["z@0", "e0@5000000000", "e21@5000000000"]);
    expect(() => new Simulation().post(-1, "test.event", () => {})).toThrow(/non-negative integer delay/);
  });

  it("sim.schedule() throws on a negative or non-integer delay", () => {
    const sim = new Simulation();
    expect(() => sim.schedule(-1, "test.event", () => {})).toThrow("non-negative integer delay");
    expect(() => sim.schedule(1.5, "test.event", () => {})).toThrow("non-negative integer delay");
    expect(() => sim.schedule(Number.NaN, "test.event", () => {})).toThrow("non-negative integer delay");
  });

  it("sim.scheduleAt() schedules at an absolute time and rejects the past", () => {
    const sim = new Simulation();
    const times: number[] = [];
    sim.schedule(100, "test.event", () => sim.scheduleAt(250, "test.event", () => times.push(sim.now)));
    sim.run();
    expect(times).toEqual([250]);
    expect(() => sim.scheduleAt(10, "test.event", () => {})).toThrow("not before now (250)");
  });

  it("sim.cancel() prevents the event from running", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const a = sim.schedule(10, "test.event", (x: string) => log.push(x), "a");
    sim.schedule(20, "test.event", (x: string) => log.push(x), "b");
    expect(sim.cancel(a)).toBe(true);
    expect(sim.cancel(a)).toBe(false);
    expect(sim.run()).toBe(1);
    expect(log).toEqual(["b"]);
  });

  it("sim.cancel() of an event that already ran returns false and leaves the slot's new event alone", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const first = sim.schedule(1, "test.event", () => log.push("first"));
    sim.run();
    sim.schedule(1, "test.event", () => log.push("second")); // reuses the freed slot
    expect(sim.cancel(first)).toBe(false);
    sim.run();
    expect(log).toEqual(["first", "second"]);
  });

  it("sim.cancel(): cancelled events piling up (a network re-rating its flows) are purged from the queue, and the live ones run in exactly the same order, with the same fingerprint", () => {
    // 1,000 "flows", each re-scheduled 200 times (every re-schedule cancels the previous drain),
    // some at the current time (the ring), most later (the heap).
    const churn = (sim: Simulation) => {
      const handles = new Array<number>(1000).fill(-1);
      const log: number[] = [];
      let round = 0;
      const rerate = () => {
        for (let f = 0; f < handles.length; f++) {
          if (handles[f] >= 0) sim.cancel(handles[f]);
          const delay = f % 7 === 0 ? 0 : 1_000 + ((f * 7919 + round * 104_729) % 50_000);
          handles[f] = sim.schedule(delay, "test.drain", (flow: number) => log.push(flow, sim.now), f);
        }
        if (++round < 200) sim.schedule(10, "test.rerate", rerate);
      };
      sim.schedule(0, "test.rerate", rerate);
      return log;
    };
    const sim = new Simulation({ fingerprint: true });
    const log = churn(sim);
    let maxPending = 0;
    sim.onEvent = () => (maxPending = Math.max(maxPending, sim.pending));
    sim.run();
    // Without the purge the queue would hold every cancelled drain (199 rounds × 857 flows ≈ 171,000);
    // it is dropped once 65,536 cancelled entries are half the queue.
    expect(maxPending).toBeLessThan(70_000);
    // Worked out by hand: in round r (at 10·r ns) the flows f ≡ 0 (mod 7) drain at once, in f order
    // (FIFO); every later drain is cancelled 10 ns on, except the last round's, which run by time, ties by f.
    const expected: number[] = [];
    for (let r = 0; r < 200; r++) for (let f = 0; f < 1000; f += 7) expected.push(f, 10 * r);
    const last = Array.from({ length: 1000 }, (_, f) => f).filter((f) => f % 7 !== 0).map((f) => ({ f, t: 1990 + 1_000 + ((f * 7919 + 199 * 104_729) % 50_000) }));
    last.sort((a, b) => a.t - b.t || a.f - b.f);
    for (const { f, t } of last) expected.push(f, t);
    expect(log).toEqual(expected);
    // And the fingerprint is a function of the executed events only: the same run again gives it.
    const again = new Simulation({ fingerprint: true });
    churn(again);
    again.run();
    expect([again.fingerprint(), again.eventsExecuted]).toEqual([sim.fingerprint(), sim.eventsExecuted]);
  });

  it("sim.schedule(): handles stay unique when a slot is reused many times (a stale handle never cancels a later event)", () => {
    const sim = new Simulation();
    const seen = new Set<number>();
    let stale = -1;
    for (let i = 0; i < 100_000; i++) {
      const handle = sim.schedule(1, "test.event", () => {});
      expect(seen.has(handle)).toBe(false);
      seen.add(handle);
      if (i === 0) stale = handle;
      sim.run();
    }
    const live = sim.schedule(1, "test.event", () => {});
    expect([sim.cancel(stale), sim.cancel(live)]).toEqual([false, true]);
  });

  it("sim.run(until) stops after events at until and sets the clock to until", () => {
    const sim = new Simulation();
    const log: number[] = [];
    for (const t of [10, 20, 30]) sim.schedule(t, "test.event", () => log.push(t));
    expect(sim.run(20)).toBe(2);
    expect(sim.now).toBe(20);
    expect(log).toEqual([10, 20]);
    expect(sim.run(100)).toBe(1);
    expect(sim.now).toBe(100);
  });

  it("sim.step() executes exactly one event and skips cancelled ones", () => {
    const sim = new Simulation();
    const h = sim.schedule(1, "test.event", () => {});
    sim.schedule(2, "test.event", () => {});
    sim.cancel(h);
    expect(sim.step()).toBe(true);
    expect(sim.now).toBe(2);
    expect(sim.step()).toBe(false);
    expect(sim.eventsExecuted).toBe(1);
  });

  it("sim.stop() makes run() return after the current event", () => {
    const sim = new Simulation();
    const log: number[] = [];
    sim.schedule(5, "test.event", () => { log.push(5); sim.stop(); });
    sim.schedule(6, "test.event", () => log.push(6));
    expect(sim.run()).toBe(1);
    expect(log).toEqual([5]);
    expect(sim.run()).toBe(1);
    expect(log).toEqual([5, 6]);
  });

  it("sim.onEvent is called after each executed event with time and tag", () => {
    const sim = new Simulation();
    const seen: Array<[number, string | undefined]> = [];
    sim.onEvent = (time, tag) => seen.push([time, sim.tagName(tag)]);
    const disk = sim.intern("disk");
    sim.schedule(3, "test.event", () => {}, undefined, 0, disk);
    sim.schedule(4, "test.event", () => {});
    sim.run();
    expect(seen).toEqual([[3, "disk"], [4, undefined]]);
  });

  it("sim.onEvent gets each executed event's declared kind (cancelled events are not seen)", () => {
    const sim = new Simulation();
    const kinds: string[] = [];
    sim.onEvent = (_time, _tag, kind) => kinds.push(kind);
    sim.schedule(1, "disk.done", () => {});
    const dropped = sim.schedule(2, "net.arrival", () => {});
    sim.post(3, "cpu.grant", () => {});
    sim.cancel(dropped);
    sim.run();
    expect(kinds).toEqual(["disk.done", "cpu.grant"]);
  });

  it("sim.fingerprint() folds in each event's own kind hash, also for kinds that share a slot of the kernel's kind cache", () => {
    // "ssd.service" and "hdd.service" have the same length and the same characters where the
    // cache looks, so they evict each other from its entry; a third kind sits elsewhere.
    const kinds: EventKind[] = ["ssd.service", "hdd.service", "ssd.service", "transport.arrival", "hdd.service", "hdd.service"];
    const sim = new Simulation({ fingerprint: true });
    kinds.forEach((kind, i) => sim.schedule(i * 5e9, kind, () => {}, undefined, 0, 0));
    sim.run();
    const expected = new Fingerprint();
    kinds.forEach((kind, i) => expected.add(i * 5e9, eventKindCode(kind) | 0, 0));
    expect(sim.fingerprint()).toBe(expected.hex());
  });

  it("sim.fingerprint() is undefined by default and changes with event order", () => {
    expect(new Simulation().fingerprint()).toBeUndefined();
    const run = (delays: number[]) => {
      const sim = new Simulation({ fingerprint: true });
      for (const d of delays) sim.schedule(d, "test.event", function arrive() {}, undefined, 0, sim.intern("x"));
      sim.run();
      return sim.fingerprint();
    };
    expect(new Simulation({ fingerprint: true }).fingerprint()).toBe("811c9dc5");
    expect(run([1, 2, 3])).toBe(run([3, 2, 1]));
    expect(run([1, 2, 3])).not.toBe(run([1, 2, 4]));
    // FNV-1a over each event's 16 little-endian bytes (time low, time high, the kind name's
    // FNV-1a over UTF-16LE, tag), computed independently in Python.
    expect(run([1, 2, 3])).toBe("2d783560");
  });

  it("sim.onEventsExecuted(n, hook) pulses every n events, schedules nothing (same fingerprint and time), and leaves --max-events working", () => {
    const run = (every?: number) => {
      const sim = new Simulation({ fingerprint: true });
      const pulses: number[] = [];
      for (let i = 1; i <= 25; i++) sim.schedule(i * 10, "test.event", () => {}, undefined, 0, sim.intern("x"));
      if (every !== undefined) sim.onEventsExecuted(every, () => pulses.push(sim.eventsExecuted));
      sim.run();
      return { pulses, fingerprint: sim.fingerprint(), now: sim.now, events: sim.eventsExecuted };
    };
    const plain = run();
    const hooked = run(10);
    expect(hooked.pulses).toEqual([10, 20]);
    expect([hooked.fingerprint, hooked.now, hooked.events]).toEqual([plain.fingerprint, plain.now, plain.events]);
    expect(run(0).pulses).toEqual([]); // 0 removes the hook
    const previous = setEventBudget(15);
    try {
      const sim = new Simulation();
      for (let i = 1; i <= 25; i++) sim.schedule(i, "test.event", () => {});
      let pulses = 0;
      sim.onEventsExecuted(4, () => pulses++);
      expect(() => sim.run()).toThrow("a run within --max-events 15 per simulation");
      expect([pulses, sim.eventsExecuted]).toEqual([3, 15]);
    } finally {
      setEventBudget(previous);
    }
  });

  it("watchProgress(sim, { onProgress, progressEvery }, fraction) reports every n events, never falling, capped at 1, the run unchanged", () => {
    const run = (watch: boolean) => {
      const sim = new Simulation({ fingerprint: true });
      for (let i = 1; i <= 12; i++) sim.schedule(i, "test.event", () => {});
      const reported: number[] = [];
      // The fraction read at each pulse: it falls back once (an attempt started again) and overshoots once.
      const raw = [0.25, 0.5, 0.4, 0.75, 1.2, 0.9];
      if (watch) watchProgress(sim, { onProgress: (f) => reported.push(f), progressEvery: 2 }, () => raw.shift() ?? 0);
      sim.run();
      return { reported, fingerprint: sim.fingerprint(), events: sim.eventsExecuted };
    };
    const plain = run(false);
    const watched = run(true);
    expect(watched.reported).toEqual([0.25, 0.5, 0.5, 0.75, 1, 1]);
    expect([watched.fingerprint, watched.events]).toEqual([plain.fingerprint, plain.events]);
    // Without onProgress nothing is installed: the default interval (50,000 events) never pulses either.
    const sim = new Simulation();
    let asked = 0;
    watchProgress(sim, {}, () => ++asked);
    for (let i = 1; i <= 5; i++) sim.schedule(i, "test.event", () => {});
    sim.run();
    expect([asked, PROGRESS_EVERY_EVENTS]).toEqual([0, 50_000]);
  });

  it("sim.fingerprint() hashes declared kinds: renaming a callback keeps it, changing a kind changes it", () => {
    const run = (second: EventKind, callback: () => void) => {
      const sim = new Simulation({ fingerprint: true });
      const tag = sim.intern("x");
      sim.schedule(1, "test.a", function arrive() {}, undefined, 0, tag);
      sim.schedule(2, second, callback, undefined, 0, tag);
      sim.run();
      return sim.fingerprint();
    };
    const depart = () => {};
    const leave = () => {};
    expect(depart.name).not.toBe(leave.name);
    expect(run("test.b", depart)).toBe(run("test.b", leave));
    expect(run("test.b", depart)).toBe(run("test.b", Object.defineProperty(() => {}, "name", { value: "renamed" })));
    expect(run("test.b", depart)).toBe("8f5b2c1b"); // Python, as above
    expect(run("test.c", depart)).toBe("4d94236c");
  });

  it("sim.schedule() throws when an untyped caller passes the callback where the kind belongs", () => {
    const sim = new Simulation();
    const untyped = sim.schedule as unknown as (delay: number, callback: () => void) => number;
    expect(() => untyped.call(sim, 5, () => {})).toThrow(/event kind/);
    expect(sim.pending).toBe(0);
  });

  it("sim.schedule() handles 100 000 interleaved events with slot reuse", () => {
    const sim = new Simulation({ initialCapacity: 4 });
    let sum = 0;
    let last = -1;
    let ordered = true;
    const fire = (t: number) => {
      if (t < last) ordered = false;
      last = t;
      sum += t;
      if (sim.eventsExecuted < 100_000) sim.schedule((t * 7919) % 1000, "test.event", fire, sim.now + ((t * 7919) % 1000));
    };
    for (let i = 0; i < 100; i++) sim.schedule(i, "test.event", fire, i);
    sim.run();
    expect(ordered).toBe(true);
    expect(sim.eventsExecuted).toBe(100_099);
    expect(sum).toBeGreaterThan(0);
  });
});
