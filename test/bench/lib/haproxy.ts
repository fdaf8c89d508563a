import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../server/paths.ts';
import { freePort } from './free-port.ts';

/*
 * HAProxy with the configuration the project ships (deploy/haproxy.cfg), on loopback, in front of
 * the nodes a test or benchmark started. The file is used as it is, except that its block of
 * server lines gets one line per node (it ships with two); the addresses come from the environment
 * variables it names (TTX_PROXY_BIND, TTX_NODE<n>), as in a deployment.
 */

export const HAPROXY_CONFIG = join(PROJECT_ROOT, 'deploy', 'haproxy.cfg');

/** The haproxy program, or why there is none. */
export function haproxyBinary(): { path: string } | { missing: string } {
  for (const dir of [...(process.env.PATH ?? '').split(':').filter(Boolean), '/usr/sbin', '/usr/local/sbin']) {
    if (existsSync(join(dir, 'haproxy'))) return { path: join(dir, 'haproxy') };
  }
  return { missing: 'HAProxy is not installed (no haproxy on PATH or in /usr/sbin; apt-get install haproxy)' };
}

/** deploy/haproxy.cfg with one server line per node (`server node<n> "${TTX_NODE<n>}"`). */
export function configFor(nodes: number): string {
  const text = readFileSync(HAPROXY_CONFIG, 'utf8');
  const block = /( *)# nodes\n(?:.*\n)*? *# end of nodes\n/.exec(text);
  if (!block) throw new Error(`${HAPROXY_CONFIG} has no "# nodes" … "# end of nodes" block of server lines`);
  const indent = block[1] ?? '';
  const lines = Array.from({ length: nodes }, (_, i) => `${indent}server node${i + 1} "\${TTX_NODE${i + 1}}"\n`).join('');
  return text.replace(block[0], `${indent}# nodes\n${lines}${indent}# end of nodes\n`);
}

export interface Proxy {
  url: string;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Start HAProxy in front of `nodes` (host:port each); resolves once it answers on its port. */
export async function startProxy(nodes: string[], options: { port?: number } = {}): Promise<Proxy> {
  const binary = haproxyBinary();
  if ('missing' in binary) throw new Error(binary.missing);
  const dir = mkdtempSync(join(tmpdir(), 'ttx-haproxy-'));
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(config, configFor(nodes.length));
  const port = options.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = { ...process.env, TTX_PROXY_BIND: `127.0.0.1:${port}` };
  nodes.forEach((address, i) => (env[`TTX_NODE${i + 1}`] = address));
  const check = spawnSync(binary.path, ['-c', '-q', '-f', config], { env, encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`haproxy refuses ${HAPROXY_CONFIG}: ${check.stderr || check.stdout}`);
  // -db: stay in the foreground, a child of this process, so it is stopped with it.
  const child = spawn(binary.path, ['-db', '-f', config], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        rmSync(dir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGKILL');
    });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited (${child.exitCode}): ${stderr}`);
    // Any HTTP answer means it listens (a 503 while no node is up yet is an answer too).
    const answered = await fetch(`${url}/healthz`).then(() => true, () => false);
    if (answered) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`haproxy did not listen on ${url} within 30 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, port, child, stop };
}
