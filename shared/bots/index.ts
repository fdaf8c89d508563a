export * from './policy.ts';
export { BotTeam, botSeats, POLICIES, simulate, type SimulationOptions } from './simulate.ts';
export { byTheBook, smeQueue } from './by-the-book.ts';
export { reckless, RECKLESS_PLAN } from './reckless.ts';
export { randomPolicy } from './random.ts';
