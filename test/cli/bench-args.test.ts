import { describe, expect, it } from 'vitest';
import { splitBenchArgs } from '../../test/bench/lib/bench-args.ts';

/* `npm run bench load -- --rooms 1000`, as README writes it: which benchmarks, and what each is given. */

describe('BENCH-ARGS: the bench runner\'s command line', () => {
  it('BENCH-ARGS1 flag values stay with their flags', () => {
    expect(splitBenchArgs(['load', '--rooms', '1000', '--sockets', '8', '--burst'])).toEqual({ names: ['load'], flags: ['--rooms', '1000', '--sockets', '8', '--burst'] });
  });

  it('BENCH-ARGS2 names alone run those benchmarks with no flags; nothing runs them all', () => {
    expect(splitBenchArgs(['load', 'chaos'])).toEqual({ names: ['load', 'chaos'], flags: [] });
    expect(splitBenchArgs([])).toEqual({ names: [], flags: [] });
  });
});
