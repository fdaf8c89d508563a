import type { DrillView } from '../../../../shared/engine/view-types.ts';
import { ACTIONS } from '../../../../shared/runbook/actions.ts';
import { CHECKLIST } from '../../../../shared/runbook/checklist.ts';
import { OODA_PHASES, type ActionDef, type OodaPhase, type PlayerRole, type StepId } from '../../../../shared/runbook/types.ts';
import { loc, seatName, t } from '../../i18n/index.ts';
import type { DrillStore } from '../../store/drill-store.ts';
import { bus, selectedAsset } from '../../game/event-bus.ts';
import { assetName } from '../asset-name.ts';
import { availability, DETAIL_ACTIONS, runningWorkOf, seatBlocked, SEVERITY_LEVELS, type Availability } from '../availability.ts';
import { workTitle } from '../describe.ts';
import { h } from '../dom.ts';
import { notice } from '../notice.ts';
import { emptyLine, panel } from '../panel.ts';
import { reasonText } from '../reason.ts';
import { onTick, setText } from '../ticker.ts';
import { gameClock, minutesText, timeLeft } from '../time.ts';

/*
 * The seat's actions. Work on a system is offered for the system picked on the board (or in the
 * list below it); the rest is grouped by OODA phase and then by checklist step, in the checklist's
 * order, with each step marked once the team has done something for it. Every action shows how long
 * it takes here; one that cannot be started now stays visible, greyed, with the reason. What the
 * runbook gives to another role is marked as theirs. Nothing here says which action is right.
 */

interface Row {
  def: ActionDef;
  el: HTMLElement;
  button: HTMLButtonElement;
  mins: HTMLElement;
  why: HTMLElement;
  detail: HTMLInputElement | HTMLSelectElement | null;
  key: string;
}

const STEP_ORDER = new Map<StepId | null, number>([...CHECKLIST.map((s, i) => [s.id, i] as const), [null, CHECKLIST.length]]);

export function actionsPanel(store: DrillStore, role: PlayerRole, seat: string): HTMLElement {
  const status = notice('actions-status');
  const mine = ACTIONS.filter((a) => a.roles.includes(role));
  const onAsset = mine.filter((a) => a.target === 'asset');
  const general = mine.filter((a) => a.target !== 'asset');
  const rows: Row[] = [];
  const seatLine = h('p', { class: 'seat-state', id: 'seat-state' });
  const cancel = h('button', { type: 'button', class: 'quiet', id: 'cancel-work', hidden: true }, t('actions.cancel'));
  const target = h('select', { id: 'action-target', 'aria-label': t('actions.system') });
  const systemCard = h('div', { class: 'system-card', id: 'system-card', 'aria-live': 'polite' });
  const onSystem = h('div', { class: 'on-system', id: 'on-system' });
  const stepMarks = new Map<StepId, HTMLElement>();

  const row = (def: ActionDef): Row => {
    const detailKind = DETAIL_ACTIONS[def.id];
    const detail = detailKind === 'severity'
      ? h('select', { class: 'detail', 'aria-label': t('actions.severity') }, ...SEVERITY_LEVELS.map((s) => h('option', { value: s }, t(`severity.${s}`))))
      : detailKind === 'text'
        ? h('input', { type: 'text', class: 'detail', 'aria-label': t('actions.codename'), placeholder: t('actions.codenamePlaceholder'), maxlength: 60 })
        : null;
    const whyId = `why-${def.id}`;
    const button = h('button', { type: 'button', 'data-action': def.id, 'aria-describedby': whyId }, loc(def.title)) as HTMLButtonElement;
    const mins = h('span', { class: 'mins' });
    const why = h('span', { class: 'why', id: whyId });
    const owners = def.owners.includes(role) ? null : h('span', { class: 'usually' }, t('actions.usually', { owners: def.owners.map((o) => t(`roles.${o}`)).join(', ') }));
    const assign = role === 'ic' || role === 'deputy'
      ? h('button', { type: 'button', class: 'quiet small assign-btn', 'data-assign': def.id, onclick: () => bus.emit('task:prefill', { action: def.id, ...(def.target === 'asset' && target.value ? { target: target.value } : {}) }) }, t('actions.assign'))
      : null;
    const el = h('li', { class: `action${owners ? ' others' : ''}`, 'data-action': def.id }, h('div', { class: 'action-line' }, button, h('span', { class: 'facts' }, mins, owners), assign), detail, why);
    const r: Row = { def, el, button, mins, why, detail, key: '' };
    button.addEventListener('click', () => {
      const view = store.state.view;
      if (!view) return;
      const tgt = def.target === 'asset' ? target.value || undefined : undefined;
      const a = availability(view, seat, role, def.id, tgt, store.gameTime());
      if (!a.ok) return status.fail(reasonText(a.reason, view));
      const text = detail?.value.trim() ?? '';
      if (detailKind === 'text' && !text) {
        status.fail(t('actions.needsCodename'));
        detail?.focus();
        return;
      }
      void store.send({ type: 'action.take', action: def.id, ...(tgt ? { target: tgt } : {}), ...(text ? { detail: text } : {}) }).then((res) => status.ack(res, t('actions.started', { work: workTitle(view, def.id, tgt), minutes: minutesText(a.minutes) })));
    });
    rows.push(r);
    return r;
  };

  const lead = role === 'ic' || role === 'deputy';

  /**
   * Actions grouped by OODA phase, then by checklist step in the checklist's order. What the runbook
   * gives to another role is folded away under each step (the seat may still do it, at a cost to
   * role discipline); on a system a lead's delegable work stays open, with Assign beside it.
   */
  const grouped = (defs: readonly ActionDef[], withSteps: boolean): HTMLElement[] =>
    OODA_PHASES.flatMap((phase: OodaPhase) => {
      const inPhase = defs.filter((a) => a.ooda === phase);
      if (inPhase.length === 0) return [];
      const byStep = (a: ActionDef, b: ActionDef) => (STEP_ORDER.get(a.step) ?? 99) - (STEP_ORDER.get(b.step) ?? 99);
      // On a system the steps are not shown: the phase's work is one list, in the checklist's order.
      const steps: (StepId | null | 'all')[] = withSteps ? [...new Set(inPhase.map((a) => a.step))].sort((a, b) => (STEP_ORDER.get(a) ?? 99) - (STEP_ORDER.get(b) ?? 99)) : ['all'];
      const body = steps.map((step) => {
        const list = inPhase.filter((a) => step === 'all' || a.step === step).sort(byStep);
        const own = list.filter((a) => a.owners.includes(role));
        const others = list.filter((a) => !a.owners.includes(role));
        const checklist = CHECKLIST.find((s) => s.id === step);
        const mark = h('span', { class: 'step-mark' });
        if (checklist && withSteps) stepMarks.set(checklist.id, mark);
        const title = !withSteps ? null : checklist ? h('h4', { class: 'step' }, mark, t('actions.step', { n: checklist.number, title: loc(checklist.title) })) : h('h4', { class: 'step' }, t('actions.otherWork'));
        return h('div', { class: 'step-group' }, title,
          own.length > 0 ? h('ul', { class: 'action-list' }, ...own.map((a) => row(a).el)) : null,
          others.length > 0 ? h('details', { class: 'others', open: !withSteps && lead }, h('summary', {}, t(lead && !withSteps ? 'actions.delegable' : 'actions.others', { count: others.length })), h('ul', { class: 'action-list' }, ...others.map((a) => row(a).el))) : null);
      });
      return [h('details', { class: `phase phase-${phase}`, open: true }, h('summary', {}, t(`ooda.${phase}`), h('span', { class: 'phase-hint' }, t(`oodaHint.${phase}`))), ...body)];
    });

  const onSystemGroups = onAsset.length > 0 ? grouped(onAsset, false) : [];
  const generalGroups = grouped(general, true);

  const refresh = () => {
    const view = store.state.view;
    if (!view) return;
    const now = store.gameTime();
    const tgt = target.value || undefined;
    for (const r of rows) {
      const a: Availability = availability(view, seat, role, r.def.id, r.def.target === 'asset' ? tgt : undefined, now);
      // The seat's own busy state is said once, above the list, not on every action.
      const why = a.ok || a.reason.key === 'busy' || a.reason.key === 'assigning' || a.reason.key === 'notStarted' || a.reason.key === 'paused' || a.reason.key === 'ended' ? '' : reasonText(a.reason, view);
      const key = `${a.ok}|${a.minutes}|${why}`;
      if (key === r.key) continue;
      r.key = key;
      r.button.setAttribute('aria-disabled', String(!a.ok));
      r.el.classList.toggle('unavailable', !a.ok);
      setText(r.mins, minutesText(a.minutes));
      setText(r.why, why);
      r.why.hidden = why === '';
    }
    const blocked = seatBlocked(view, seat, now);
    const running = runningWorkOf(view, seat);
    if (running) setText(seatLine, t('actions.busyWith', { work: workTitle(view, running.action, running.target), until: gameClock(running.endsAt), left: timeLeft(running.endsAt, now) }));
    else setText(seatLine, blocked ? reasonText(blocked, view) : t('actions.free'));
    seatLine.classList.toggle('busy', blocked !== null);
    cancel.hidden = !running || view.lifecycle !== 'running';
    cancel.dataset.work = running?.id ?? '';
  };

  cancel.addEventListener('click', () => {
    const id = cancel.dataset.work;
    if (id) void store.send({ type: 'action.cancel', workId: id }).then((r) => status.ack(r, t('actions.cancelled')));
  });

  const renderSystem = (view: DrillView) => {
    const id = target.value;
    const asset = view.scenario.assets.find((a) => a.id === id);
    if (!asset) {
      systemCard.replaceChildren(emptyLine(t('actions.pickSystem')));
      onSystem.hidden = true;
      return;
    }
    const state = view.assets[id];
    const flags = state ? Object.entries(state).filter(([k, v]) => v === true && k !== 'knowledge').map(([k]) => t(`flag.${k}`)) : [];
    const working = view.work.filter((w) => w.status === 'running' && w.target === id);
    const text = [
      t('actions.systemLine', { knowledge: t(`knowledge.${state?.knowledge ?? 'unknown'}`), criticality: t(`criticality.${asset.criticality}`) }),
      flags.length > 0 ? flags.join(' · ') : t('actions.noChanges'),
      ...working.map((w) => t('actions.workOnSystem', { work: workTitle(view, w.action), seat: seatName(w.seat), until: gameClock(w.endsAt) })),
    ];
    const key = `${id}|${text.join('|')}`;
    if (systemCard.dataset.key !== key) {
      systemCard.dataset.key = key;
      systemCard.replaceChildren(h('h3', { id: 'on-system-h' }, t('actions.onSystem', { system: assetName(view, id) })), ...text.map((line) => h('p', { class: 'meta' }, line)));
    }
    onSystem.hidden = onAsset.length === 0;
  };

  target.addEventListener('change', () => bus.emit('asset:selected', { assetId: target.value || null, from: 'panel' }));
  bus.on('asset:selected', ({ assetId, from }) => {
    if (target.value !== (assetId ?? '')) target.value = assetId ?? '';
    const view = store.state.view;
    if (view) renderSystem(view);
    refresh();
    if (from === 'board' && assetId) systemCard.scrollIntoView({ block: 'nearest', behavior: 'auto' });
  });

  onTick(refresh);
  let assetsKey = '';
  store.subscribe((s) => {
    const view = s.view;
    if (!view) return;
    const key = view.scenario.assets.map((a) => a.id).join(',');
    if (key !== assetsKey) {
      assetsKey = key;
      target.replaceChildren(h('option', { value: '' }, t('actions.chooseSystem')), ...view.scenario.assets.map((a) => h('option', { value: a.id }, loc(a.name))));
      target.value = selectedAsset() ?? '';
    }
    renderSystem(view);
    for (const [step, mark] of stepMarks) {
      const done = ACTIONS.some((a) => a.step === step && view.actionsTaken[a.id] !== undefined);
      setText(mark, done ? '✓ ' : '○ ');
      mark.parentElement?.classList.toggle('done', done);
      mark.setAttribute('aria-label', done ? t('actions.stepStarted') : t('actions.stepNotStarted'));
    }
    refresh();
  });

  onSystem.append(...onSystemGroups);
  return panel('actions', t('actions.heading', { role: t(`roles.${role}`) }), 'actions',
    h('div', { class: 'seat-row' }, seatLine, cancel),
    status.el,
    onAsset.length > 0 ? h('div', { class: 'system-pick' }, h('label', { for: 'action-target' }, t('actions.system')), target) : null,
    onAsset.length > 0 ? systemCard : null,
    onSystem,
    h('h3', { class: 'general-h' }, t('actions.general')),
    ...generalGroups,
    hintsBlock(store));
}

/** Hints on request: each one is recorded (the report counts them), and the ones already given stay listed. */
function hintsBlock(store: DrillStore): HTMLElement {
  const list = h('ol', { class: 'hints-list', 'aria-label': t('hints.heading') });
  const status = notice();
  const button = h('button', { type: 'button', class: 'quiet hint-btn', id: 'hint-request', onclick: () => void store.send({ type: 'hint.request' }).then((r) => { if (!r.ok) status.ack(r, ''); }) }, t('hints.ask'));
  let count = -1;
  store.subscribe((s) => {
    const hints = s.view?.hints ?? [];
    button.toggleAttribute('disabled', s.view?.lifecycle !== 'running');
    if (hints.length === count) return;
    count = hints.length;
    list.replaceChildren(...[...hints].reverse().map((hint) => h('li', {}, h('span', { class: 'meta' }, `${gameClock(hint.at)} `), loc(hint.text))));
  });
  return h('div', { class: 'hints' }, h('h3', {}, t('hints.heading')), h('p', { class: 'meta' }, t('hints.recorded')), button, status.el, list);
}

