import { pino, type Logger as Pino } from 'pino';

/*
 * Server logs: structured and levelled, one JSON object a line on stdout (pino). Security-relevant
 * refusals are `security` events naming what happened and where from, never message bodies or tokens.
 */

export type SecurityKind = 'bad-token' | 'forbidden' | 'rate-limited' | 'invalid-payload' | 'bad-origin' | 'protocol-mismatch' | 'no-ack' | 'organiser-key';
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  /** A failure the server survived; `error` is logged with its stack. */
  error(message: string, error: unknown, fields?: LogFields): void;
  security(kind: SecurityKind, details: LogFields): void;
}

/** TTX_LOG_LEVEL (default info) picks what is written: trace, debug, info, warn, error, fatal or silent. */
export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger & { pino: Pino } {
  const level = options.level ?? process.env.TTX_LOG_LEVEL ?? 'info';
  const base = pino(
    {
      name: 'ttx',
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  );
  return {
    pino: base,
    info: (message, fields) => base.info(fields ?? {}, message),
    warn: (message, fields) => base.warn(fields ?? {}, message),
    error: (message, error, fields) => base.error({ ...fields, err: error }, message),
    security: (kind, details) => base.warn({ event: 'security', kind, ...details }, `security ${kind}`),
  };
}

/** A logger that writes nothing and keeps the security events it is given (tests). */
export function recordingLogger(): Logger & { security: Logger['security']; events: { kind: SecurityKind; details: LogFields }[]; errors: string[] } {
  const events: { kind: SecurityKind; details: LogFields }[] = [];
  const errors: string[] = [];
  return {
    events,
    errors,
    info() {},
    warn() {},
    error: (message, error) => void errors.push(`${message}: ${(error as Error)?.message ?? String(error)}`),
    security: (kind, details) => void events.push({ kind, details }),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, security() {} };
