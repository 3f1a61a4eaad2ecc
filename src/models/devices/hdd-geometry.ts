import { InputError } from "../../util/errors.ts";

/** Datasheet seek figures of a disk, in nanoseconds. */
export interface SeekFigures {
  /** Seek to the adjacent cylinder. */
  trackToTrackNs: number;
  /** Mean seek over random pairs of positions (what datasheets call "average seek"). */
  averageNs: number;
  /** Seek across the whole stroke. */
  fullStrokeNs: number;
}

/**
 * A seek-time curve of the Ruemmler & Wilkes shape: `a + b·sqrt(x)` for short seeks (the arm
 * accelerates then decelerates) and a straight line for long ones (it coasts at top speed), with
 * the line tangent to the square root at the boundary `x0`. `x` is the seek distance as a
 * fraction of the full stroke.
 *
 * Fitted to three datasheet numbers: `t(1 cylinder) = trackToTrack`, `t(1) = fullStroke`, and
 * the mean of `t` over random pairs of positions (distance density `2(1 − x)`) `= average`.
 * The fit exists when `average` lies between the all-linear and all-square-root curves:
 * `a + (full − a)/3 ≤ average ≤ a + 8(full − a)/15`.
 */
export class SeekCurve {
  /** Boundary between the square-root and the linear part, as a fraction of the stroke. */
  readonly boundary: number;
  private readonly a: number;
  private readonly b: number;

  /**
   * Throws an {@link InputError} (source `disk`) when the figures admit no such curve.
   *
   * @example
   * const curve = new SeekCurve({ trackToTrackNs: 1e6, averageNs: 8.5e6, fullStrokeNs: 18e6 }, 100_000);
   * Math.round(curve.seekNs(1) / 1e3) // => 1041 // µs: track-to-track plus the first step of the curve
   */
  constructor(
    readonly figures: SeekFigures,
    /** Number of cylinders; distances are counted in cylinders. */
    readonly cylinders: number,
  ) {
    const { trackToTrackNs: a, averageNs: avg, fullStrokeNs: full } = figures;
    const low = a + (full - a) / 3;
    const high = a + (8 * (full - a)) / 15;
    if (!(a > 0 && full > a && avg >= low && avg <= high)) {
      throw new InputError(
        "disk",
        "seek",
        `track-to-track < average < full stroke with average between ${(low / 1e6).toFixed(2)}ms and ${(high / 1e6).toFixed(2)}ms, got ${a / 1e6}ms, ${avg / 1e6}ms, ${full / 1e6}ms`,
      );
    }
    this.a = a;
    // The mean grows with the boundary (more of the curve is concave): bisect on it.
    let lo = 1e-9;
    let hi = 1;
    for (let i = 0; i < 100; i++) {
      const mid = (lo + hi) / 2;
      if (meanSeek(a, slopeFor(a, full, mid), mid) < avg) lo = mid;
      else hi = mid;
    }
    this.boundary = (lo + hi) / 2;
    this.b = slopeFor(a, full, this.boundary);
  }

  /**
   * Seek time in ns (a float; callers round) for a distance in cylinders; 0 for distance 0.
   *
   * @example
   * const curve = new SeekCurve({ trackToTrackNs: 1e6, averageNs: 8.5e6, fullStrokeNs: 18e6 }, 100_000);
   * curve.seekNs(0) // => 0
   * curve.seekNs(curve.cylinders - 1) // => 18e6 // the full stroke
   */
  seekNs(distanceCylinders: number): number {
    if (distanceCylinders <= 0) return 0;
    const x = Math.min(1, distanceCylinders / Math.max(1, this.cylinders - 1));
    return curveAt(this.a, this.b, this.boundary, x);
  }
}

function curveAt(a: number, b: number, x0: number, x: number): number {
  if (x <= x0) return a + b * Math.sqrt(x);
  const r = Math.sqrt(x0);
  return a + b * r + (b / (2 * r)) * (x - x0);
}

/** The `b` that makes `t(1) = full` for a given boundary. */
function slopeFor(a: number, full: number, x0: number): number {
  const r = Math.sqrt(x0);
  return (full - a) / (r + (1 - x0) / (2 * r));
}

/** Mean of the curve over the random-distance density 2(1 − x) on [0, 1], in closed form. */
function meanSeek(a: number, b: number, x0: number): number {
  const r = Math.sqrt(x0);
  // ∫0^x0 2(1−x)·√x dx = 2(2/3·x0^1.5 − 2/5·x0^2.5)
  const sqrtPart = b * 2 * ((2 / 3) * x0 * r - (2 / 5) * x0 * x0 * r);
  // On [x0, 1] the line is c + m·x; ∫ 2(1−x) dx = (1−x0)², ∫ 2(1−x)x dx = 1/3 − x0² + 2x0³/3
  const m = b / (2 * r);
  const c = a + b * r - m * x0;
  const linePart = c * (1 - x0) ** 2 + m * (1 / 3 - x0 * x0 + (2 / 3) * x0 ** 3);
  // The constant a over [0, x0] (∫ 2(1−x) dx = 1 − (1−x0)²).
  return a * (1 - (1 - x0) ** 2) + sqrtPart + linePart;
}

/**
 * Mean rotational latency in ns: half a revolution.
 *
 * @example
 * meanRotationalLatencyNs(7200) // ≈ 4166666.67 // 4.17 ms
 */
export function meanRotationalLatencyNs(rpm: number): number {
  return revolutionNs(rpm) / 2;
}

/**
 * One revolution in ns.
 *
 * @example
 * revolutionNs(15000) // => 4000000 // 4 ms
 */
export function revolutionNs(rpm: number): number {
  return 60e9 / rpm;
}

/** Where on the platters a byte offset lies, with zoned transfer rates. */
export interface DiskLayout {
  capacityBytes: number;
  cylinders: number;
  /** Sustained media rate at the outer edge (offset 0) and the inner edge, bytes/s. */
  outerRateBps: number;
  innerRateBps: number;
}

/**
 * The cylinder holding byte `offset` (bytes spread evenly over the cylinders; zone bit recording
 * shows only in the transfer rate). Offsets beyond the capacity wrap around.
 *
 * @example
 * cylinderOf({ capacityBytes: 1000, cylinders: 10, outerRateBps: 1, innerRateBps: 1 }, 250) // => 2
 */
export function cylinderOf(layout: DiskLayout, offset: number): number {
  const within = ((offset % layout.capacityBytes) + layout.capacityBytes) % layout.capacityBytes;
  return Math.min(layout.cylinders - 1, Math.floor((within / layout.capacityBytes) * layout.cylinders));
}

/**
 * Media transfer time in ns for `length` bytes starting at `cylinder`: the rate falls linearly
 * from the outer to the inner edge.
 *
 * @example
 * transferNs({ capacityBytes: 1e12, cylinders: 100, outerRateBps: 200e6, innerRateBps: 100e6 }, 0, 200e6) // => 1e9
 */
export function transferNs(layout: DiskLayout, cylinder: number, length: number): number {
  const fraction = layout.cylinders > 1 ? cylinder / (layout.cylinders - 1) : 0;
  const rate = layout.outerRateBps + (layout.innerRateBps - layout.outerRateBps) * fraction;
  return (length / rate) * 1e9;
}
