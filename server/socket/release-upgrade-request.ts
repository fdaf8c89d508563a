import type { EventEmitter } from 'node:events';

/*
 * engine.io 6.6 wraps each WebSocket upgrade in a small response object so that HTTP middlewares
 * can run on it, and that object re-emits its TCP socket's 'close' through a listener it adds to
 * the socket. The listener keeps the response, and with it the whole upgrade request (raw headers,
 * query, URL), alive for as long as the connection lasts. socket.io's advice of
 * dropping `request` after the handshake (app.ts) then frees nothing. This server installs no
 * engine.io middleware that could listen for that 'close', so the listener is removed once the
 * connection is established (tests MEM1–2).
 */

/** engine.io's listener is `() => this.emit("close")`; nothing else on the socket has that body. */
const REEMIT_CLOSE = /^\(\)\s*=>\s*this\.emit\(["']close["']\)$/;

interface EngineSocketLike {
  transport?: { name?: string; socket?: { _socket?: EventEmitter } };
}

/**
 * Remove engine.io's close re-emitter from a WebSocket connection's TCP socket. Returns whether one
 * was found: false for a long-polling connection, or if a later engine.io no longer adds it.
 */
export function releaseUpgradeRequest(engineSocket: EngineSocketLike): boolean {
  const tcp = engineSocket.transport?.name === 'websocket' ? engineSocket.transport.socket?._socket : undefined;
  if (!tcp) return false;
  let released = false;
  for (const listener of tcp.listeners('close')) {
    if (!REEMIT_CLOSE.test(String(listener))) continue;
    tcp.off('close', listener as (...args: unknown[]) => void);
    released = true;
  }
  return released;
}
