import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Command, EngineErrorCode, LogEntry } from '../../shared/engine/index.ts';
import type { DrillView, Viewer, ViewPatch } from '../../shared/engine/index.ts';
import {
  commandRequestSchema,
  ERROR,
  handshakeSchema,
  historyRequestSchema,
  joinRequestSchema,
  PROTOCOL_VERSION,
  syncRequestSchema,
  type Ack,
  type AckResult,
  type ClientToServerEvents,
  type CommandRequest,
  type ClockReading,
  type CommandResult,
  type DrillEnded,
  type HistoryPage,
  type HistoryRequest,
  type ErrorCode,
  type SeatPresence,
  type ServerToClientEvents,
  type SocketData,
  type SyncResult,
  type Welcome,
} from '../../shared/protocol/index.ts';
import type { LiveScore } from '../../shared/scoring/index.ts';
import type { Locale } from '../../shared/i18n/locales.ts';

/** The event maps are the contract between server and clients; these pin their shapes. */
describe('WIRE: typed event maps', () => {
  it('WIRE1 client-to-server events are imperative requests with typed acks', () => {
    expectTypeOf<keyof ClientToServerEvents>().toEqualTypeOf<'drill:join' | 'drill:command' | 'drill:sync' | 'drill:history'>();
    expectTypeOf<Parameters<ClientToServerEvents['drill:history']>>().toEqualTypeOf<[HistoryRequest, Ack<HistoryPage>]>();
    expectTypeOf<Parameters<ClientToServerEvents['drill:command']>>().toEqualTypeOf<[CommandRequest, Ack<CommandResult>]>();
    expectTypeOf<Parameters<ClientToServerEvents['drill:sync']>[1]>().toEqualTypeOf<Ack<SyncResult>>();
    expectTypeOf<Parameters<ClientToServerEvents['drill:join']>[1]>().toEqualTypeOf<Ack<Welcome>>();
    expectTypeOf<CommandRequest['command']>().toEqualTypeOf<Command>();
    expectTypeOf<CommandRequest>().toHaveProperty('idempotencyKey').toEqualTypeOf<string>();
    expectTypeOf<CommandRequest>().toHaveProperty('expectedSeq').toEqualTypeOf<number | undefined>();
  });

  it('WIRE2 server-to-client events are past-tense pushes', () => {
    expectTypeOf<keyof ServerToClientEvents>().toEqualTypeOf<'drill:welcomed' | 'drill:eventApplied' | 'drill:viewPatched' | 'drill:presenceChanged' | 'drill:scoreChanged' | 'drill:ended'>();
    expectTypeOf<Parameters<ServerToClientEvents['drill:eventApplied']>>().toEqualTypeOf<[LogEntry, ViewPatch?]>();
    expectTypeOf<Parameters<ServerToClientEvents['drill:viewPatched']>>().toEqualTypeOf<[ViewPatch]>();
    expectTypeOf<Parameters<ServerToClientEvents['drill:presenceChanged']>>().toEqualTypeOf<[SeatPresence[]]>();
    expectTypeOf<Parameters<ServerToClientEvents['drill:scoreChanged']>>().toEqualTypeOf<[LiveScore]>();
    expectTypeOf<Parameters<ServerToClientEvents['drill:ended']>>().toEqualTypeOf<[DrillEnded]>();
    expectTypeOf<Welcome['view']>().toEqualTypeOf<DrillView>();
    expectTypeOf<Welcome['clock']>().toEqualTypeOf<ClockReading>();
    expectTypeOf<SocketData>().toEqualTypeOf<{ drillId: string; seat: Viewer; locale: Locale }>();
  });

  it('WIRE3 acks are a discriminated union with typed error codes from as-const objects', () => {
    expectTypeOf<AckResult<number>>().toEqualTypeOf<{ ok: true; data: number } | { ok: false; error: { code: ErrorCode; message: string } }>();
    expectTypeOf<typeof ERROR.STALE>().toEqualTypeOf<'STALE'>();
    expectTypeOf<EngineErrorCode>().toExtend<ErrorCode>();
    expectTypeOf<'RATE_LIMITED'>().toExtend<ErrorCode>();
    // @ts-expect-error: a made-up code is not an ErrorCode
    const made: ErrorCode = 'WHATEVER';
    expect(made).toBe('WHATEVER');
    expect(Object.values(ERROR)).toEqual(['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'STALE', 'RATE_LIMITED', 'OVERLOADED', 'NOT_FOUND', 'OLD_ENGINE', 'INTERNAL']);
  });
});

describe('WIRE: payload schemas', () => {
  it('WIRE4 the handshake needs a token and the protocol version; lastSeq is optional', () => {
    expect(handshakeSchema.safeParse({ token: 'x'.repeat(32), protocolVersion: PROTOCOL_VERSION }).success).toBe(true);
    expect(handshakeSchema.safeParse({ token: 'x'.repeat(32), protocolVersion: 2, lastSeq: 12 }).success).toBe(true);
    expect(handshakeSchema.safeParse({ token: 'x'.repeat(32) }).success).toBe(false);
    expect(handshakeSchema.safeParse({ token: 'x'.repeat(32), protocolVersion: 2, admin: true }).success).toBe(false);
  });

  it('WIRE5 commands are parsed strictly: unknown fields, wrong types and missing keys are refused', () => {
    const good = { command: { type: 'timeline.add', text: 'hi' }, idempotencyKey: 'abcdefgh' };
    expect(commandRequestSchema.safeParse(good).success).toBe(true);
    expect(commandRequestSchema.safeParse({ ...good, expectedSeq: 3 }).success).toBe(true);
    expect(commandRequestSchema.safeParse({ ...good, expectedSeq: -1 }).success).toBe(false);
    expect(commandRequestSchema.safeParse({ ...good, idempotencyKey: 'short' }).success).toBe(false);
    expect(commandRequestSchema.safeParse({ ...good, command: { type: 'drill.explode' } }).success).toBe(false);
    expect(commandRequestSchema.safeParse({ ...good, extra: 1 }).success).toBe(false);
  });

  it('WIRE6 sync and join take a lastSeq of -1 or more', () => {
    expect(syncRequestSchema.safeParse({ lastSeq: -1 }).success).toBe(true);
    expect(syncRequestSchema.safeParse({ lastSeq: 1.5 }).success).toBe(false);
    expect(syncRequestSchema.safeParse({}).success).toBe(false);
    expect(joinRequestSchema.safeParse({}).success).toBe(true);
    expect(joinRequestSchema.safeParse({ lastSeq: -2 }).success).toBe(false);
  });

  it('WIRE7 a history request names the range after afterSeq (-1 or more) up to untilSeq', () => {
    expect(historyRequestSchema.safeParse({ afterSeq: -1, untilSeq: 40 }).success).toBe(true);
    expect(historyRequestSchema.safeParse({ afterSeq: -2, untilSeq: 40 }).success).toBe(false);
    expect(historyRequestSchema.safeParse({ afterSeq: 0 }).success).toBe(false);
    expect(historyRequestSchema.safeParse({ afterSeq: 0, untilSeq: 3, limit: 5 }).success).toBe(false);
  });
});
