import { execFileSync } from 'node:child_process';

/** Browser tests run against the built client, so build it once before they start. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
