import type { Rng } from "../../kernel/rng.ts";
import type { TraceRequest } from "../traces/types.ts";
import { bootWorkload, type BootWorkloadOptions } from "./boot.ts";
import { serviceWorkload, type ServiceWorkloadOptions } from "./service.ts";
import { SERVICE_DEFAULTS } from "./calibration.ts";

export { BOOT_DEFAULTS, BOOT_READ_SIZES, BOOT_WRITE_SIZES, SERVICE_DEFAULTS, SERVICE_SIZES, type SizeTable } from "./calibration.ts";
export { bootWorkload, type BootWorkloadOptions } from "./boot.ts";
export { serviceWorkload, type ServiceWorkloadOptions } from "./service.ts";

/**
 * A VM's life after an instant recovery: the boot phase, then the service phase starting one
 * service gap after the last boot request. Each phase draws from its own stream, so changing
 * the boot's length never shifts the service's draws.
 *
 * @example
 * const streams = new RngStreams(7);
 * [...vmWorkload(streams.stream("boot"), streams.stream("service"), { service: { requests: 10 } })].length // => 1490
 */
export function* vmWorkload(
  bootRng: Rng,
  serviceRng: Rng,
  options: { boot?: BootWorkloadOptions; service?: ServiceWorkloadOptions } = {},
): Generator<TraceRequest> {
  let last = options.boot?.startUs ?? 0;
  for (const request of bootWorkload(bootRng, options.boot)) {
    last = request.timeUs;
    yield request;
  }
  const gap = options.service?.meanGapUs ?? SERVICE_DEFAULTS.meanGapUs;
  yield* serviceWorkload(serviceRng, { ...options.service, startUs: options.service?.startUs ?? last + gap });
}
