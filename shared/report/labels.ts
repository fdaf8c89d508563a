import { LOCALES, type Locale } from '../i18n/locales.ts';
import { msg, renderMsg, type Msg } from '../i18n/message.ts';
import type { ReportKey } from '../i18n/catalogs/en/report.ts';
import type { Channel, MessageAudience, StatementKind } from '../engine/types.ts';
import type { Category, Severity } from '../scoring/types.ts';

/*
 * Every fixed word of the report, per locale, bound from the catalogs' `report.*` texts. The type
 * makes each locale carry every label, so a report can never mix languages by accident; the text
 * the players wrote stays as they wrote it.
 */

/** How a piece of work ended, that the drill ended while it ran, or (in a report of a running drill) that it still runs. */
export type WorkStatus = 'success' | 'partial' | 'failed' | 'cancelled' | 'unfinished' | 'running';
/** A decision's fate. */
export type DecisionStatus = 'answered' | 'late' | 'missed' | 'open';
/** The kinds of item in the merged narrative. */
export type NarrativeKind = 'inject' | 'decision' | 'work' | 'task' | 'message' | 'entry' | 'hint' | 'knowledge';
/** Where a hotwash question comes from. */
export type HotwashSource = 'inject' | 'decision' | 'finding';
/** Built-in facts the team can establish (truth events are named by the scenario). */
export type FactId = 'exfil' | 'entry' | 'data' | 'records' | 'cause' | 'actor' | 'insider';

export interface ReportLabels {
  reportTitle: string;
  scenario: string;
  seed: string;
  events: (n: string) => string;
  endedAt: (time: string) => string;
  /** Whose report this is. */
  forFacilitator: string;
  forSeat: (seat: string) => string;

  score: string;
  outOf100: string;
  teamScore: string;
  /** The headline of a solo trainee's report. */
  seatScore: (seat: string) => string;
  chartTitle: string;
  category: string;
  dataLost: (lost: string, of: string) => string;
  penaltiesTaken: (points: string) => string;
  seatsTitle: string;
  seatHeaders: [seat: string, score: string, earned: string, penalty: string];
  earnedOf: (earned: string, possible: string) => string;
  notJudged: string;

  wentWell: string;
  nothingScored: string;
  actionItems: string;
  noActionItems: string;
  owners: string;
  basedOn: string;
  read: string;

  hotwash: string;
  hotwashIntro: string;
  noHotwash: string;
  hotwashSource: Record<HotwashSource, string>;
  askInject: (title: string) => string;
  facilitatorNote: string;
  askDecision: (prompt: string, answer: string, time: string) => string;
  askDecisionLate: (prompt: string, answer: string, time: string, due: string) => string;
  askDecisionMissed: (prompt: string, due: string) => string;
  askFinding: (rule: string) => string;

  narrative: string;
  narrativeIntro: string;
  narrativeChartTitle: string;
  narrativeHeaders: [number: string, time: string, who: string, what: string, detail: string];
  lanes: { injects: string; decisions: string; knowledge: string };
  kinds: Record<NarrativeKind, string>;
  team: string;
  workStatus: Record<WorkStatus, string>;
  workRan: (start: string, end: string, duration: string) => string;
  minutes: (n: string) => string;
  cancelledBy: (seat: string) => string;
  taskAssigned: (action: string, seat: string) => string;
  channels: Record<Channel, string>;
  audiences: Record<MessageAudience, string>;
  statementKinds: Record<StatementKind, string>;
  messageTo: (channel: string, recipients: string) => string;
  reached: (audience: string) => string;
  encrypted: string;
  subject: string;
  decisionDue: (time: string) => string;
  decisionStatus: Record<DecisionStatus, string>;
  answeredWith: (option: string, seat: string, time: string) => string;
  claimedAt: (time: string) => string;
  facts: Record<FactId, string>;
  assetLevel: { suspected: (asset: string) => string; confirmed: (asset: string) => string; cleared: (asset: string) => string };
  insiderAnswer: (real: boolean) => string;
  learnedFrom: (source: string) => string;
  severityInject: { info: string; warning: string; critical: string };
  onlyFor: (who: string) => string;

  timelineVsRunbook: string;
  stepsIntro: string;
  stepsChartTitle: string;
  notDone: string;
  outOfOrder: string;
  doneBefore: (steps: string) => string;
  stepHover: (step: string, started: string, done: string) => string;
  checklistOrder: string;
  stepHeaders: [number: string, step: string, started: string, done: string, dependsOn: string, note: string];

  oodaLatency: string;
  oodaHeaders: [inject: string, at: string, observe: string, orient: string, decide: string, act: string];

  findings: string;
  findingHeaders: [number: string, time: string, finding: string, seats: string, points: string, verdict: string];
  verdicts: { met: string; partly: string; missed: string };
  severity: (n: string, name: string) => string;
  severityNames: Record<Severity, string>;
  penalty: (points: string) => string;

  notes: string;
  notesIntro: string;
  noNotes: string;
  behindScenes: string;
  truthEntry: (asset: string) => string;
  truthCompromised: (asset: string, time: string) => string;
  truthInsider: (real: boolean) => string;
  truthCause: (cause: string) => string;
  truthActor: (actor: string) => string;
  truthExfil: (perMinute: string) => string;
  adversaryNoticed: string;
  adversaryAlerted: (action: string) => string;
  fallbackFired: (target: string) => string;
  phaseChanged: (phase: string) => string;
  attackerRead: string;
  fallbackPrevented: string;
  exfilStopped: string;

  categories: Record<Category, string>;
  /** Punctuation between a label and what it names: ": " in English, a full-width colon in CJK. */
  colon: string;
  /** An aside in parentheses, half-width in English and full-width in CJK. */
  paren: (text: string) => string;
  /** Between items of a run-in list ("Ordering 80, Evidence 60"). */
  listSep: string;
  /** Quotation marks around quoted text. */
  quote: (text: string) => string;
}

/**
 * The labels, each rendered by `render` from its catalog key with the arguments it is called with.
 * Tests pass their own `render` to see which key and parameters each label uses.
 */
export function reportLabels(render: (m: Msg) => string): ReportLabels {
  const t = (key: ReportKey, params?: Record<string, string>) => render(msg(key, params));
  return {
    reportTitle: t('report.reportTitle'),
    scenario: t('report.scenario'),
    seed: t('report.seed'),
    events: (n) => t('report.events', { n }),
    endedAt: (time) => t('report.endedAt', { time }),
    forFacilitator: t('report.forFacilitator'),
    forSeat: (seat) => t('report.forSeat', { seat }),

    score: t('report.score'),
    outOf100: t('report.outOf100'),
    teamScore: t('report.teamScore'),
    seatScore: (seat) => t('report.seatScore', { seat }),
    chartTitle: t('report.chartTitle'),
    category: t('report.category'),
    dataLost: (lost, of) => t('report.dataLost', { lost, of }),
    penaltiesTaken: (points) => t('report.penaltiesTaken', { points }),
    seatsTitle: t('report.seatsTitle'),
    seatHeaders: [t('report.seatHeaders.seat'), t('report.seatHeaders.score'), t('report.seatHeaders.earned'), t('report.seatHeaders.penalty')],
    earnedOf: (earned, possible) => t('report.earnedOf', { earned, possible }),
    notJudged: t('report.notJudged'),

    wentWell: t('report.wentWell'),
    nothingScored: t('report.nothingScored'),
    actionItems: t('report.actionItems'),
    noActionItems: t('report.noActionItems'),
    owners: t('report.owners'),
    basedOn: t('report.basedOn'),
    read: t('report.read'),

    hotwash: t('report.hotwash'),
    hotwashIntro: t('report.hotwashIntro'),
    noHotwash: t('report.noHotwash'),
    hotwashSource: { inject: t('report.hotwashSource.inject'), decision: t('report.hotwashSource.decision'), finding: t('report.hotwashSource.finding') },
    askInject: (title) => t('report.askInject', { title }),
    facilitatorNote: t('report.facilitatorNote'),
    askDecision: (prompt, answer, time) => t('report.askDecision', { prompt, answer, time }),
    askDecisionLate: (prompt, answer, time, due) => t('report.askDecisionLate', { prompt, answer, time, due }),
    askDecisionMissed: (prompt, due) => t('report.askDecisionMissed', { prompt, due }),
    askFinding: (rule) => t('report.askFinding', { rule }),

    narrative: t('report.narrative'),
    narrativeIntro: t('report.narrativeIntro'),
    narrativeChartTitle: t('report.narrativeChartTitle'),
    narrativeHeaders: [
      t('report.narrativeHeaders.number'),
      t('report.narrativeHeaders.time'),
      t('report.narrativeHeaders.who'),
      t('report.narrativeHeaders.what'),
      t('report.narrativeHeaders.detail'),
    ],
    lanes: { injects: t('report.lanes.injects'), decisions: t('report.lanes.decisions'), knowledge: t('report.lanes.knowledge') },
    kinds: {
      inject: t('report.kinds.inject'),
      decision: t('report.kinds.decision'),
      work: t('report.kinds.work'),
      task: t('report.kinds.task'),
      message: t('report.kinds.message'),
      entry: t('report.kinds.entry'),
      hint: t('report.kinds.hint'),
      knowledge: t('report.kinds.knowledge'),
    },
    team: t('report.team'),
    workStatus: {
      success: t('report.workStatus.success'),
      partial: t('report.workStatus.partial'),
      failed: t('report.workStatus.failed'),
      cancelled: t('report.workStatus.cancelled'),
      unfinished: t('report.workStatus.unfinished'),
      running: t('report.workStatus.running'),
    },
    workRan: (start, end, duration) => t('report.workRan', { start, end, duration }),
    minutes: (n) => t('report.minutes', { n }),
    cancelledBy: (seat) => t('report.cancelledBy', { seat }),
    taskAssigned: (action, seat) => t('report.taskAssigned', { action, seat }),
    channels: { voice: t('report.channels.voice'), chat: t('report.channels.chat'), email: t('report.channels.email'), sms: t('report.channels.sms'), statement: t('report.channels.statement') },
    audiences: {
      team: t('report.audiences.team'),
      internal: t('report.audiences.internal'),
      external: t('report.audiences.external'),
      customers: t('report.audiences.customers'),
      public: t('report.audiences.public'),
    },
    statementKinds: { holding: t('report.statementKinds.holding'), update: t('report.statementKinds.update'), final: t('report.statementKinds.final') },
    messageTo: (channel, recipients) => t('report.messageTo', { channel, recipients }),
    reached: (audience) => t('report.reached', { audience }),
    encrypted: t('report.encrypted'),
    subject: t('report.subject'),
    decisionDue: (time) => t('report.decisionDue', { time }),
    decisionStatus: { answered: t('report.decisionStatus.answered'), late: t('report.decisionStatus.late'), missed: t('report.decisionStatus.missed'), open: t('report.decisionStatus.open') },
    answeredWith: (option, seat, time) => t('report.answeredWith', { option, seat, time }),
    claimedAt: (time) => t('report.claimedAt', { time }),
    facts: {
      exfil: t('report.facts.exfil'),
      entry: t('report.facts.entry'),
      data: t('report.facts.data'),
      records: t('report.facts.records'),
      cause: t('report.facts.cause'),
      actor: t('report.facts.actor'),
      insider: t('report.facts.insider'),
    },
    assetLevel: {
      suspected: (asset) => t('report.assetLevel.suspected', { asset }),
      confirmed: (asset) => t('report.assetLevel.confirmed', { asset }),
      cleared: (asset) => t('report.assetLevel.cleared', { asset }),
    },
    insiderAnswer: (real) => t(real ? 'report.insiderAnswer.yes' : 'report.insiderAnswer.no'),
    learnedFrom: (source) => t('report.learnedFrom', { source }),
    severityInject: { info: t('report.severityInject.info'), warning: t('report.severityInject.warning'), critical: t('report.severityInject.critical') },
    onlyFor: (who) => t('report.onlyFor', { who }),

    timelineVsRunbook: t('report.timelineVsRunbook'),
    stepsIntro: t('report.stepsIntro'),
    stepsChartTitle: t('report.stepsChartTitle'),
    notDone: t('report.notDone'),
    outOfOrder: t('report.outOfOrder'),
    doneBefore: (steps) => t('report.doneBefore', { steps }),
    stepHover: (step, started, done) => t('report.stepHover', { step, started, done }),
    checklistOrder: t('report.checklistOrder'),
    stepHeaders: [
      t('report.stepHeaders.number'),
      t('report.stepHeaders.step'),
      t('report.stepHeaders.started'),
      t('report.stepHeaders.done'),
      t('report.stepHeaders.dependsOn'),
      t('report.stepHeaders.note'),
    ],

    oodaLatency: t('report.oodaLatency'),
    oodaHeaders: [
      t('report.oodaHeaders.inject'),
      t('report.oodaHeaders.at'),
      t('report.oodaHeaders.observe'),
      t('report.oodaHeaders.orient'),
      t('report.oodaHeaders.decide'),
      t('report.oodaHeaders.act'),
    ],

    findings: t('report.findings'),
    findingHeaders: [
      t('report.findingHeaders.number'),
      t('report.findingHeaders.time'),
      t('report.findingHeaders.finding'),
      t('report.findingHeaders.seats'),
      t('report.findingHeaders.points'),
      t('report.findingHeaders.verdict'),
    ],
    verdicts: { met: t('report.verdicts.met'), partly: t('report.verdicts.partly'), missed: t('report.verdicts.missed') },
    severity: (n, name) => t('report.severity', { n, name }),
    severityNames: {
      1: t('report.severityNames.1'),
      2: t('report.severityNames.2'),
      3: t('report.severityNames.3'),
      4: t('report.severityNames.4'),
      5: t('report.severityNames.5'),
      6: t('report.severityNames.6'),
      7: t('report.severityNames.7'),
    },
    penalty: (points) => t('report.penalty', { points }),

    notes: t('report.notes'),
    notesIntro: t('report.notesIntro'),
    noNotes: t('report.noNotes'),
    behindScenes: t('report.behindScenes'),
    truthEntry: (asset) => t('report.truthEntry', { asset }),
    truthCompromised: (asset, time) => t('report.truthCompromised', { asset, time }),
    truthInsider: (real) => t(real ? 'report.truthInsider.yes' : 'report.truthInsider.no'),
    truthCause: (cause) => t('report.truthCause', { cause }),
    truthActor: (actor) => t('report.truthActor', { actor }),
    truthExfil: (perMinute) => t('report.truthExfil', { perMinute }),
    adversaryNoticed: t('report.adversaryNoticed'),
    adversaryAlerted: (action) => t('report.adversaryAlerted', { action }),
    fallbackFired: (target) => t('report.fallbackFired', { target }),
    phaseChanged: (phase) => t('report.phaseChanged', { phase }),
    attackerRead: t('report.attackerRead'),
    fallbackPrevented: t('report.fallbackPrevented'),
    exfilStopped: t('report.exfilStopped'),

    categories: {
      ordering: t('report.categories.ordering'),
      evidence: t('report.categories.evidence'),
      comms: t('report.categories.comms'),
      roles: t('report.categories.roles'),
      timeliness: t('report.categories.timeliness'),
    },
    colon: t('report.colon'),
    paren: (text) => t('report.paren', { text }),
    listSep: t('report.listSep'),
    quote: (text) => t('report.quote', { text }),
  };
}

export const REPORT_LABELS: Record<Locale, ReportLabels> = Object.fromEntries(LOCALES.map((locale) => [locale, reportLabels((m) => renderMsg(m, locale))])) as Record<
  Locale,
  ReportLabels
>;
