import { isPromise, type MaybePromise } from '../../shared/master/ports.ts';

/*
 * A value now or later (the drill master's own type, shared/master/ports.ts). The embedded SQLite
 * store answers reads synchronously, and its callers go on in the same turn (an idempotency lookup
 * or a seat lookup at handshake must not wait a microtask for nothing); the PostgreSQL store answers
 * over the network, with a promise.
 */

export { isPromise, type MaybePromise };

/** Go on with a value: at once when it is here, once it arrives when it is a promise. */
export function after<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise(value) ? value.then(next) : next(value);
}
