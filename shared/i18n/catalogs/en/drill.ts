/* English text the engine writes into the log while a drill runs. */
export const drill = {
  'work.failed': 'The work failed and showed nothing; it can be tried again.',
  'work.partial': 'Only part of the work succeeded: what it suggests is not yet confirmed.',
} as const;

export type DrillKey = keyof typeof drill;
