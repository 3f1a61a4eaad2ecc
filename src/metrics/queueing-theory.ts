/**
 * Closed-form steady-state results for single-station queues, used to validate the simulator.
 * Rates and times share one time unit of your choice (rtolab's station uses ns): with
 * `arrivalRate` per ns and `meanService` in ns, waits come out in ns. All require a stable
 * queue (utilisation < 1) and throw an Error otherwise.
 */

/** Steady-state means of a queue (time unit = that of the inputs). */
export interface QueueMetrics {
  /** Server utilisation ρ = λ E[S] / c. */
  utilisation: number;
  /** Probability an arrival has to wait. */
  probabilityOfWait: number;
  /** Mean time in queue Wq. */
  meanWait: number;
  /** Mean time in system W = Wq + E[S]. */
  meanResponse: number;
  /** Mean number waiting Lq = λ Wq (Little). */
  meanInQueue: number;
  /** Mean number in system L = λ W (Little). */
  meanInSystem: number;
}

function withLittle(arrivalRate: number, meanService: number, utilisation: number, probabilityOfWait: number, meanWait: number): QueueMetrics {
  const meanResponse = meanWait + meanService;
  return {
    utilisation,
    probabilityOfWait,
    meanWait,
    meanResponse,
    meanInQueue: arrivalRate * meanWait,
    meanInSystem: arrivalRate * meanResponse,
  };
}

function requireStable(arrivalRate: number, meanService: number, servers: number): number {
  if (!(arrivalRate > 0) || !(meanService > 0)) {
    throw new Error(`queueing formulas require positive arrivalRate and meanService, got ${arrivalRate}, ${meanService}`);
  }
  const rho = (arrivalRate * meanService) / servers;
  if (!(rho < 1)) throw new Error(`queueing formulas require utilisation < 1, got ${rho}`);
  return rho;
}

/**
 * M/M/1: Wq = ρ E[S] / (1 − ρ).
 *
 * @example
 * mm1(0.8, 1).meanWait     // => 4.000000000000001 (ρ = 0.8, E[S] = 1)
 * mm1(0.8, 1).meanInSystem // => 4.000000000000001
 */
export function mm1(arrivalRate: number, meanService: number): QueueMetrics {
  const rho = requireStable(arrivalRate, meanService, 1);
  return withLittle(arrivalRate, meanService, rho, rho, (rho * meanService) / (1 - rho));
}

/**
 * Erlang C: the probability that an arrival waits in M/M/c with offered load a = λ E[S]
 * (computed through the Erlang B recursion, which is stable for large c).
 *
 * @example
 * erlangC(4, 3.2) // => 0.5964324717874046 (c = 4, ρ = 0.8)
 */
export function erlangC(servers: number, offeredLoad: number): number {
  if (!Number.isInteger(servers) || servers < 1) throw new Error(`erlangC requires a positive integer servers, got ${servers}`);
  let erlangB = 1;
  for (let k = 1; k <= servers; k++) erlangB = (offeredLoad * erlangB) / (k + offeredLoad * erlangB);
  const rho = offeredLoad / servers;
  return erlangB / (1 - rho * (1 - erlangB));
}

/**
 * M/M/c: P(wait) by Erlang C, Wq = C / (c/E[S] − λ).
 *
 * @example
 * mmc(3.2, 1, 4).meanWait // => 0.7455405897342559 (c = 4, ρ = 0.8, E[S] = 1)
 */
export function mmc(arrivalRate: number, meanService: number, servers: number): QueueMetrics {
  const rho = requireStable(arrivalRate, meanService, servers);
  const c = erlangC(servers, arrivalRate * meanService);
  return withLittle(arrivalRate, meanService, rho, c, c / (servers / meanService - arrivalRate));
}

/**
 * M/G/1 by Pollaczek–Khinchine: Wq = λ E[S²] / (2 (1 − ρ)), with E[S²] = Var[S] + E[S]².
 *
 * @example
 * mg1(0.8, 1, 1).meanWait // => 4.000000000000001 (exponential service: same as M/M/1)
 * mg1(0.8, 1, 0).meanWait // => 2.0000000000000004 (deterministic: M/D/1)
 */
export function mg1(arrivalRate: number, meanService: number, serviceVariance: number): QueueMetrics {
  const rho = requireStable(arrivalRate, meanService, 1);
  const secondMoment = serviceVariance + meanService * meanService;
  return withLittle(arrivalRate, meanService, rho, rho, (arrivalRate * secondMoment) / (2 * (1 - rho)));
}

/**
 * M/D/1 (constant service): Wq = ρ E[S] / (2 (1 − ρ)), half the M/M/1 wait.
 *
 * @example
 * md1(0.8, 1).meanWait // => 2.0000000000000004
 */
export function md1(arrivalRate: number, serviceTime: number): QueueMetrics {
  return mg1(arrivalRate, serviceTime, 0);
}
