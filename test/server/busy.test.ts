import { describe, expect, it } from 'vitest';
import { isBusy, retryWhileBusy } from '../../server/store/busy.ts';

/*
 * Waiting out another connection's hold on the database: tried again while SQLite says BUSY (after a
 * crash, a second process opening the file meets the first one's WAL recovery this way), never for
 * any other error, and not forever. Time here is a counter, not the clock.
 */

const busy = (code = 'SQLITE_BUSY') => Object.assign(new Error('database is locked'), { code });

describe('BUSY: waiting for the database', () => {
  it('BUSY1 an attempt that meets BUSY is tried again until it succeeds', () => {
    let tries = 0;
    const value = retryWhileBusy(() => {
      tries++;
      if (tries < 4) throw busy(tries === 2 ? 'SQLITE_BUSY_RECOVERY' : 'SQLITE_BUSY');
      return 'opened';
    }, { pollMs: 0 });
    expect(value).toBe('opened');
    expect(tries).toBe(4);
  });

  it('BUSY2 any other error is thrown at once', () => {
    let tries = 0;
    const corrupt = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    expect(() => retryWhileBusy(() => {
      tries++;
      throw corrupt;
    }, { pollMs: 0 })).toThrow(corrupt);
    expect(tries).toBe(1);
    expect(isBusy(corrupt)).toBe(false);
    expect(isBusy(null)).toBe(false);
  });

  it('BUSY3 past the deadline, BUSY is thrown', () => {
    let clock = 0;
    let tries = 0;
    expect(() => retryWhileBusy(() => {
      tries++;
      clock += 100;
      throw busy();
    }, { waitMs: 1_000, pollMs: 0, now: () => clock })).toThrow('database is locked');
    expect(tries).toBe(11);
  });
});
