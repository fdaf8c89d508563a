/*
 * Server log lines. Security-relevant refusals are logged as one line with what happened and where
 * from, never with message bodies or tokens.
 */
export interface Logger {
  info(message: string): void;
  security(kind: 'bad-token' | 'forbidden' | 'rate-limited' | 'invalid-payload' | 'bad-origin' | 'protocol-mismatch', details: Record<string, string | number>): void;
}

export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  security: (kind, details) => console.warn(`security ${kind} ${Object.entries(details).map(([k, v]) => `${k}=${v}`).join(' ')}`),
};

export const silentLogger: Logger & { lines: string[] } = {
  lines: [],
  info() {},
  security(kind, details) {
    silentLogger.lines.push(`security ${kind} ${Object.entries(details).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  },
};
