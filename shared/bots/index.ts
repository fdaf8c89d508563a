export * from './policy.ts';
export { BotTeam, BOT_SEATS, POLICIES, simulate, type SimulationOptions } from './simulate.ts';
export { byTheBook, BY_THE_BOOK_PLAN } from './by-the-book.ts';
export { reckless, RECKLESS_PLAN } from './reckless.ts';
export { randomPolicy } from './random.ts';
