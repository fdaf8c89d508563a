/**
 * The drill master: the loop that runs one live drill, the same on the server and in solo mode.
 *
 *   new DrillMaster(id, compiled, state, anchor, { storage, outbox, clock, scheduler, logger })
 *     .submit(seat, request) -> the ack, once durable      .tick() / .arm() -> the drill's own clock
 *     .state (durable) / .gameTime()
 *   ports: Storage, Outbox, Clock, Scheduler, Logger; MemoryStorage is Storage in memory
 */
export { DrillMaster, type MasterDeps } from './drill-master.ts';
export { authorise } from './authorise.ts';
export { fanOut, endedBy } from './fanout.ts';
export { gameNow, wallDelayUntil } from './game-clock.ts';
export { MemoryStorage } from './memory-storage.ts';
export * from './ports.ts';
