import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli/main.ts';

const tmp = mkdtempSync(join(tmpdir(), 'ttx-cli-'));
const write = (name: string, text: string) => {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
};

describe('CLI: ttx', () => {
  it('CLI1 validate exits 0 for the bundled scenarios', () => {
    const result = runCli(['validate', 'scenarios/exfiltration-detected.yaml', 'scenarios/insider-suspected.yaml', 'scenarios/reporter-leak.yaml']);
    expect(result.stdout.filter((l) => !l.endsWith('(warning)'))).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('CLI2 validate exits 1 with file:line: path: message for a broken file', () => {
    const file = write('broken.yaml', 'formatVersion: 1\nid: Bad Id\nversion: 1\n');
    const result = runCli(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.stdout.some((l) => l.startsWith(`${file}:2: id: `))).toBe(true);
  });

  it('CLI3 play runs a script and prints a JSON report with the required keys', () => {
    const script = write('script.yaml', ['seed: 3', 'steps:', '  - { at: "0:30", as: deputy, do: page-ic }', '  - { at: 1, as: ic, do: set-codename, detail: blue-heron }', '  - { at: 2, as: facilitator, end: done }'].join('\n'));
    const result = runCli(['play', 'exfiltration-detected', '--script', script]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout.join('\n'));
    expect(report).toMatchObject({ scenario: expect.anything(), seed: '3', score: { total: expect.any(Number) } });
    expect(Object.keys(report.score.categories).sort()).toEqual(['comms', 'evidence', 'ordering', 'roles', 'timeliness']);
    for (const f of report.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(['rule', 'category', 'points', 'at', 'events', 'runbookRef', 'message']));
  });

  it('CLI4 play reports refused steps on stderr and keeps going', () => {
    const script = write('refused.yaml', ['steps:', '  - { at: 1, as: scribe, do: capture-memory, target: nope }', '  - { at: 2, as: deputy, do: page-ic }'].join('\n'));
    const result = runCli(['play', 'exfiltration-detected', '--script', script]);
    expect(result.code).toBe(0);
    expect(result.stderr.join('\n')).toMatch(/steps\[0\]: refused \(FORBIDDEN|UNKNOWN_TARGET\)/);
  });

  it('CLI5 simulate renders markdown and html', () => {
    expect(runCli(['simulate', 'reporter-leak', '--policy', 'by-the-book', '--format', 'md']).stdout.join('\n')).toContain('|');
    expect(runCli(['simulate', 'reporter-leak', '--policy', 'reckless', '--format', 'html']).stdout.join('\n')).toContain('<html');
  });

  it('CLI6 unknown scenarios, policies and formats get a clear message', () => {
    expect(runCli(['simulate', 'no-such', '--policy', 'reckless']).stderr.join('\n')).toContain('no bundled scenario has that id');
    expect(runCli(['simulate', 'reporter-leak', '--policy', 'yolo']).code).toBe(2);
    expect(runCli(['play', 'reporter-leak', '--script', 'x', '--format', 'pdf']).code).toBe(2);
  });

  it('CLI7 lint prints the score range of every policy', () => {
    const result = runCli(['lint', 'insider-suspected', '--seeds', '2']);
    expect(result.stdout.filter((l) => /^(by-the-book|reckless|random): total score/.test(l))).toHaveLength(3);
  });

  it('CLI8 the bin runs through npx-style execution', () => {
    const out = execFileSync(process.execPath, ['bin/ttx.mjs', '--help'], { encoding: 'utf8' });
    expect(out).toContain('ttx validate');
    const bad = spawnSync(process.execPath, ['bin/ttx.mjs', 'validate', join(tmp, 'missing.yaml')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
  });
});
