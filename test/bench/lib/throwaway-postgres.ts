import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.ts';

/*
 * A PostgreSQL server of its own for a test run or a benchmark: a new cluster in a temporary
 * folder (initdb), started with pg_ctl on a free loopback port, its unix socket in the same folder,
 * and deleted afterwards. Nothing of the machine's own PostgreSQL (if any) is touched.
 *
 * PostgreSQL refuses to run as root, and CI runs as root: then the cluster belongs to an
 * unprivileged user (`postgres`, which Debian's package creates, else `nobody`) and its programs run
 * as that user through runuser (or setpriv). Debian installs the programs outside PATH
 * (/usr/lib/postgresql/<version>/bin); they are looked for there and on PATH.
 */

export interface ThrowawayPostgres {
  /** postgres://ttx@127.0.0.1:<port>/postgres (trust authentication, loopback only). */
  url: string;
  port: number;
  /** The postmaster's process id (its backends are its children). */
  pid(): number;
  stop(): Promise<void>;
}

/** The folder holding initdb, pg_ctl and postgres, or null with why not. */
export function postgresBinaries(): { dir: string } | { missing: string } {
  const candidates: string[] = [];
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+(\.\d+)?$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  candidates.push(...(process.env.PATH ?? '').split(':').filter(Boolean));
  const dir = candidates.find((d) => ['initdb', 'pg_ctl', 'postgres'].every((p) => existsSync(join(d, p))));
  return dir ? { dir } : { missing: 'PostgreSQL is not installed (no initdb, pg_ctl and postgres in /usr/lib/postgresql/*/bin or on PATH; apt-get install postgresql)' };
}

/** Who runs PostgreSQL: this user, unless this is root; then an unprivileged one, with how to switch to it. */
function runAs(): { uid: number; gid: number; wrap: (argv: string[]) => string[] } | null {
  if (process.getuid?.() !== 0) return null;
  const user = ['postgres', 'nobody'].find((name) => spawnSync('id', ['-u', name]).status === 0);
  if (!user) throw new Error('running as root, and there is neither a "postgres" nor a "nobody" user to run PostgreSQL as');
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
  const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
  if (has('runuser')) return { uid, gid, wrap: (argv) => ['runuser', '-u', user, '--', ...argv] };
  if (has('setpriv')) return { uid, gid, wrap: (argv) => ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', ...argv] };
  throw new Error('running as root, and neither runuser nor setpriv is there to run PostgreSQL as another user');
}

function run(argv: string[], what: string, logFile?: string): void {
  const [cmd, ...args] = argv;
  const result = spawnSync(cmd!, args, { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) {
    const log = logFile && existsSync(logFile) ? `\n${readFileSync(logFile, 'utf8').slice(-2000)}` : '';
    throw new Error(`${what} failed (${result.status ?? result.signal}): ${(result.stderr || result.stdout || result.error?.message || '').trim()}${log}`);
  }
}

export interface PostgresOptions {
  /** Extra server settings (`name=value`), e.g. for a benchmark. */
  settings?: string[];
}

/** Create and start a cluster; throws with the reason if PostgreSQL is missing or will not start. */
export async function startPostgres(options: PostgresOptions = {}): Promise<ThrowawayPostgres> {
  const found = postgresBinaries();
  if ('missing' in found) throw new Error(found.missing);
  const bin = (name: string) => join(found.dir, name);
  const dir = mkdtempSync(join(tmpdir(), 'ttx-pg-'));
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const as = runAs();
  const wrap = as?.wrap ?? ((argv: string[]) => argv);
  if (as) chownSync(dir, as.uid, as.gid);
  // Trust on loopback only: the server listens on 127.0.0.1 and a socket in this private folder.
  run(wrap([bin('initdb'), '-D', data, '-U', 'ttx', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']), 'initdb');
  const port = await freePort();
  const settings = ['listen_addresses=127.0.0.1', `port=${port}`, `unix_socket_directories=${dir}`, 'max_connections=200', ...(options.settings ?? [])];
  run(wrap([bin('pg_ctl'), '-D', data, '-l', logFile, '-w', '-t', '120', '-o', settings.map((s) => `-c ${s}`).join(' '), 'start']), 'pg_ctl start', logFile);
  let stopped = false;
  return {
    url: `postgres://ttx@127.0.0.1:${port}/postgres`,
    port,
    pid: () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    async stop() {
      if (stopped) return;
      stopped = true;
      // Immediate: nothing in a throwaway cluster needs a clean shutdown.
      spawnSync(wrap([bin('pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'])[0]!, wrap([bin('pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']).slice(1), { timeout: 60_000 });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new, empty database on the server `url` connects to, for one test or one benchmark run; its URL. */
export async function createDatabase(url: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const other = new URL(url);
  other.pathname = `/${name}`;
  return other.toString();
}

/** A new, empty schema on the server, and a URL whose connections use it (faster than a database). */
export async function createSchema(url: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${name}`);
  return withSchema.toString();
}
