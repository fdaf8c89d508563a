import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/*
 * CPU time of processes the bench did not write (PostgreSQL, HAProxy), from /proc: a process and
 * its children (PostgreSQL runs a process per connection under its postmaster). Linux only; null
 * elsewhere.
 */

let ticksPerSecond: number | null = null;

/** User + system CPU milliseconds of `pid` and its direct children, or null without /proc. */
export function cpuMsOfTree(pid: number): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (in parentheses): state, ppid, … utime is the 14th field, stime the 15th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(entry) !== pid && Number(fields[1]) !== pid) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while we looked.
    }
  }
  return (ticks * 1000) / ticksPerSecond;
}
