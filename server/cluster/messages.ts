/* What the primary and its workers say to each other over the IPC channel. */

/** Worker → primary: booted (its running drills rebuilt), ready for connections. */
export const READY = 'ttx:ready';
/** Primary → worker: a client connection (the socket is the message's handle) and the bytes already read from it. */
export const CONNECTION = 'ttx:connection';

export interface HandedConnection {
  type: typeof CONNECTION;
  /** The first chunk the primary read to route the connection, as latin1 (byte for byte). */
  head: string;
}
