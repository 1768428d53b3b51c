/**
 * Who runs a plan. Several processes may share one database (server processes without Redis
 * behind a load balancer, `pnpm worker` processes with it): each plan that is queued in a
 * process's memory or running records that process — host, pid and the process's start time —
 * and the process refreshes a heartbeat on its plans every few seconds. A plan may be failed as
 * "interrupted" only when its owner is gone:
 *   - its heartbeat is older than `PLAN_OWNER_TIMEOUT_MS` (the owner died, hung or lost the
 *     database; this is the only test possible for an owner on another host), or
 *   - the owner is on this host and its pid is no longer alive, or is alive but started at
 *     another time (the pid was reused, e.g. a container restarted as pid 1): known at once.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

export interface PlanOwner {
  host: string;
  pid: number;
  /** When that process started (identifies it together with the pid). */
  startedAt: Date;
}

/** How often a process refreshes the heartbeat of the plans it holds. */
export const PLAN_HEARTBEAT_MS = 5_000;

/** A heartbeat older than this means the owner is gone (six missed beats). */
export const PLAN_OWNER_TIMEOUT_MS = 30_000;

// Linux reports process start times in clock ticks since boot; USER_HZ is 100 on every
// architecture Node runs on. Only ever compared with values computed the same way.
const USER_HZ = 100;

let bootMs: number | null | undefined;
function bootTimeMs(): number | null {
  if (bootMs !== undefined) return bootMs;
  try {
    const m = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    bootMs = m ? Number(m[1]) * 1000 : null;
  } catch {
    bootMs = null;
  }
  return bootMs;
}

/** When process `pid` of this host started, from /proc; null where there is no /proc or no such process. */
export function processStartedAt(pid: number): Date | null {
  const boot = bootTimeMs();
  if (boot === null) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses): state is field 3,
    // starttime field 22.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(rest[22 - 3]);
    return Number.isFinite(ticks) ? new Date(boot + (ticks * 1000) / USER_HZ) : null;
  } catch {
    return null;
  }
}

let self: PlanOwner | null = null;

/** This process, as recorded on the plans it holds. */
export function thisProcess(): PlanOwner {
  self ??= {
    host: hostname(),
    pid: process.pid,
    // Without /proc (macOS development), the same instant from the uptime, to the second.
    startedAt:
      processStartedAt(process.pid) ?? new Date(Math.floor((Date.now() - process.uptime() * 1000) / 1000) * 1000),
  };
  return self;
}

/** Whether process `pid` exists on this host (EPERM: it exists, owned by another user). */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether an owner on this host is certainly gone: its pid is dead, or belongs to a process that
 * started at another time. False for an owner on another host (only its heartbeat can tell).
 */
export function ownerGoneHere(owner: PlanOwner, here: PlanOwner = thisProcess()): boolean {
  if (owner.host !== here.host) return false;
  if (owner.pid === here.pid) return owner.startedAt.getTime() !== here.startedAt.getTime();
  if (!pidAlive(owner.pid)) return true;
  const started = processStartedAt(owner.pid);
  return started !== null && started.getTime() !== owner.startedAt.getTime();
}
