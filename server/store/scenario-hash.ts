import { createHash } from 'node:crypto';

/** SHA-256 of a scenario's text: what boot groups running drills by (see runningByScenario), and what names a validated scenario (validated-scenarios.ts). */
export const scenarioHash = (text: string): string => createHash('sha256').update(text).digest('hex');
