/**
 * A process id no process can have: above Linux's largest pid_max (2^22), so `kill(pid, 0)`
 * fails with ESRCH, as for a writer killed with SIGKILL.
 */
export const DEAD_PID = 2 ** 22 + 1;
