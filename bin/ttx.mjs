#!/usr/bin/env node
// Entry point for `npx ttx`: registers tsx so the TypeScript CLI runs without a build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../server/cli/main.ts');
const result = runCli(process.argv.slice(2));
if (result.stdout.length) process.stdout.write(result.stdout.join('\n') + '\n');
if (result.stderr.length) process.stderr.write(result.stderr.join('\n') + '\n');
process.exitCode = result.code;
