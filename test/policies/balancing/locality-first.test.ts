import { describe, expect, it } from "vitest";
import { LocalityFirstBalancer, localityTier } from "../../../src/policies/balancing/locality-first.ts";
import { task, vsa } from "./helpers.ts";

describe("LocalityFirstBalancer", () => {
  const sameHost = vsa("host", { host: "h1", openStreams: 3, bytesQueued: 9e9 });
  const reaches = vsa("ds", { reachableDatastores: new Set(["ds1"]) });
  const sameSite = vsa("site");
  const remote = vsa("remote", { site: "b" });
  const full = { openStreams: 4 };

  it("localityTier() is 0 same host, 1 reaches the datastore, 2 same site, 3 elsewhere", () => {
    expect([sameHost, reaches, sameSite, remote].map((v) => localityTier(task(), v))).toEqual([0, 1, 2, 3]);
    // The first matching rule wins: a same-host VSA on another site is still tier 0.
    expect(localityTier(task(), vsa("odd", { host: "h1", site: "b" }))).toBe(0);
  });

  it("localityFirst.choose() goes same host → reaches datastore → same site → any, spilling past full tiers", () => {
    const policy = new LocalityFirstBalancer();
    expect(policy.choose(task(), [remote, sameSite, reaches, sameHost])).toBe("host");
    expect(policy.choose(task(), [remote, sameSite, reaches, { ...sameHost, ...full }])).toBe("ds");
    expect(policy.choose(task(), [remote, { ...sameSite, ...full }])).toBe("remote");
  });

  it("localityFirst.choose() queues in the best tier present when nobody has a free stream, least loaded there", () => {
    const policy = new LocalityFirstBalancer();
    expect(policy.choose(task(), [{ ...remote, ...full }, { ...sameSite, ...full }])).toBe("site");
    const siteA = vsa("a", { ...full, bytesQueued: 5e9 });
    const siteB = vsa("b", { ...full, bytesQueued: 1e9 });
    expect(policy.choose(task(), [{ ...remote, ...full }, siteA, siteB])).toBe("b");
    expect(policy.choose(task(), [])).toBeUndefined();
  });

  it("localityFirst.choose() within a tier is least loaded by the chosen measure", () => {
    const lightBytes = vsa("lightBytes", { openStreams: 3, bytesQueued: 1e8 });
    const fewStreams = vsa("fewStreams", { openStreams: 0, bytesQueued: 5e9 });
    expect(new LocalityFirstBalancer("bytes").choose(task(), [fewStreams, lightBytes])).toBe("lightBytes");
    expect(new LocalityFirstBalancer("streams").choose(task(), [lightBytes, fewStreams])).toBe("fewStreams");
  });
});
