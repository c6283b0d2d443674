import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const ticksPerSecond = 100;

type ProcessInfo = { pid: number; parent: number; ticks: number; commandLine: string };

function processes(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The fields after the command name (which may hold spaces) start after its closing parenthesis.
      const fields = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ');
      found.push({ pid: Number(name), parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), commandLine: readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ') });
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/**
 * CPU seconds (user + system) used so far by the live processes with these pids, or by the process whose command line
 * matches and all its descendants (a PostgreSQL server and its backends: other clusters on the machine stay out),
 * read from /proc at tick resolution (ps's `times` rounds each process down to whole seconds, which hides a pool of
 * busy backends).
 */
export function cpuSeconds(match: RegExp | readonly number[]): number {
  const all = processes();
  const chosen = new Set<number>(Array.isArray(match) ? match : all.filter((info) => (match as RegExp).test(info.commandLine)).map((info) => info.pid));
  if (!Array.isArray(match)) {
    for (let grown = true; grown; ) {
      grown = false;
      for (const info of all) if (!chosen.has(info.pid) && chosen.has(info.parent)) grown = chosen.add(info.pid).size > 0;
    }
  }
  return all.filter((info) => chosen.has(info.pid)).reduce((sum, info) => sum + info.ticks, 0) / ticksPerSecond;
}

/** The command line of a throwaway cluster's server (test/postgres/testCluster.ts passes its port with -c). */
export const clusterServer = (url: string): RegExp => new RegExp(`postgres .*-c port=${new URL(url).port}( |$)`);
