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
 * mm1(0.8, 1).meanWait     // => 4.000000000000001 // ρ = 0.8, E[S] = 1
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
 * erlangC(4, 3.2) // => 0.5964324717874046 // c = 4, ρ = 0.8
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
 * mmc(3.2, 1, 4).meanWait // => 0.7455405897342559 // c = 4, ρ = 0.8, E[S] = 1
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
 * mg1(0.8, 1, 1).meanWait // => 4.000000000000001 // exponential service: same as M/M/1
 * mg1(0.8, 1, 0).meanWait // => 2.0000000000000004 // deterministic: M/D/1
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

/** One class of a single-server priority queue: Poisson arrivals, general service (same time unit). */
export interface PriorityClassLoad {
  /** Poisson arrival rate λ_k. */
  arrivalRate: number;
  /** Mean service time E[S_k]. */
  meanService: number;
  /** Service-time variance Var[S_k] (E[S_k²] = Var[S_k] + E[S_k]²). */
  serviceVariance: number;
}

/** Steady-state means of one priority class (time unit = that of the inputs). */
export interface PriorityClassMetrics {
  /** The class's own load ρ_k = λ_k E[S_k]. */
  utilisation: number;
  /** Mean time waiting (not in service): T_k − E[S_k]. */
  meanWait: number;
  /** Mean time in system T_k. */
  meanResponse: number;
  /** Mean number of the class waiting, λ_k × meanWait (Little). */
  meanInQueue: number;
  /** Mean number of the class in system, λ_k × meanResponse (Little). */
  meanInSystem: number;
}

/**
 * The per-class loads and cumulative loads σ_k = Σ_{i≤k} ρ_i, and the per-class residual terms
 * λ_k E[S_k²] / 2; throws unless every class is valid and σ_K < 1.
 */
function priorityLoads(classes: readonly PriorityClassLoad[]): { rho: number[]; sigma: number[]; residual: number[] } {
  if (classes.length === 0) throw new Error("priority formulas require at least one class");
  const rho: number[] = [];
  const sigma: number[] = [];
  const residual: number[] = [];
  let cumulative = 0;
  for (const c of classes) {
    if (!(c.arrivalRate > 0) || !(c.meanService > 0) || !(c.serviceVariance >= 0)) {
      throw new Error(`priority formulas require positive arrivalRate and meanService and a non-negative serviceVariance, got ${c.arrivalRate}, ${c.meanService}, ${c.serviceVariance}`);
    }
    const load = c.arrivalRate * c.meanService;
    cumulative += load;
    rho.push(load);
    sigma.push(cumulative);
    residual.push((c.arrivalRate * (c.serviceVariance + c.meanService * c.meanService)) / 2);
  }
  if (!(cumulative < 1)) throw new Error(`queueing formulas require utilisation < 1, got ${cumulative}`);
  return { rho, sigma, residual };
}

function priorityClassMetrics(c: PriorityClassLoad, utilisation: number, meanWait: number, meanResponse: number): PriorityClassMetrics {
  return { utilisation, meanWait, meanResponse, meanInQueue: c.arrivalRate * meanWait, meanInSystem: c.arrivalRate * meanResponse };
}

/**
 * M/G/1 with non-preemptive priority classes (`classes[0]` most important, FIFO within a
 * class), by Cobham's formula: W_k = W0 / ((1 − σ_{k−1})(1 − σ_k)), with the mean residual work
 * W0 = Σ_i λ_i E[S_i²] / 2 over all classes and σ_k = Σ_{i≤k} ρ_i (σ_0 = 0).
 *
 * Source: A. Cobham, "Priority assignment in waiting line problems", J. Operations Research
 * Society of America 2(1), 1954; also L. Kleinrock, Queueing Systems Vol. 2 (1976), ch. 3, and
 * M. Harchol-Balter, Performance Modeling and Design of Computer Systems (2013), ch. 31.
 *
 * @example
 * const classes = [{ arrivalRate: 0.3, meanService: 1, serviceVariance: 1 }, { arrivalRate: 0.5, meanService: 1, serviceVariance: 1 }];
 * nonPreemptivePriority(classes).map((c) => c.meanWait) // => [1.142857142857143, 5.714285714285716] // M/M/1, ρ = 0.8
 */
export function nonPreemptivePriority(classes: readonly PriorityClassLoad[]): PriorityClassMetrics[] {
  const { rho, sigma, residual } = priorityLoads(classes);
  const w0 = residual.reduce((sum, r) => sum + r, 0);
  return classes.map((c, k) => {
    const wait = w0 / ((1 - (k > 0 ? sigma[k - 1] : 0)) * (1 - sigma[k]));
    return priorityClassMetrics(c, rho[k], wait, wait + c.meanService);
  });
}

/**
 * M/G/1 with preemptive-resume priority classes (`classes[0]` most important; a preempted
 * customer resumes where it stopped, ahead of its class): the mean response time of class k is
 * T_k = E[S_k] / (1 − σ_{k−1}) + (Σ_{i≤k} λ_i E[S_i²] / 2) / ((1 − σ_{k−1})(1 − σ_k)).
 * Lower classes do not affect class k at all.
 *
 * Source: L. Kleinrock, Queueing Systems Vol. 2 (1976), ch. 3; M. Harchol-Balter, Performance
 * Modeling and Design of Computer Systems (2013), ch. 32 (preemptive priority).
 *
 * @example
 * const classes = [{ arrivalRate: 0.3, meanService: 1, serviceVariance: 1 }, { arrivalRate: 0.5, meanService: 1, serviceVariance: 1 }];
 * preemptiveResumePriority(classes).map((c) => c.meanResponse) // => [1.4285714285714286, 7.142857142857145] // M/M/1, ρ = 0.8
 */
export function preemptiveResumePriority(classes: readonly PriorityClassLoad[]): PriorityClassMetrics[] {
  const { rho, sigma, residual } = priorityLoads(classes);
  let residualSoFar = 0;
  return classes.map((c, k) => {
    residualSoFar += residual[k];
    const above = 1 - (k > 0 ? sigma[k - 1] : 0);
    const response = c.meanService / above + residualSoFar / (above * (1 - sigma[k]));
    return priorityClassMetrics(c, rho[k], response - c.meanService, response);
  });
}
