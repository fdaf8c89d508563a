import { CHANNELS, STATEMENT_KINDS, type Channel, type MessageDraft, type MessageRecord, type StatementClaims, type StatementKind } from '../../../../shared/engine/types.ts';
import type { DrillView, PublicScenario } from '../../../../shared/engine/view-types.ts';
import { ORGS } from '../../../../shared/scenario/schema.ts';
import { COMMS_RULES_DATA } from '../../../../shared/runbook/comms-rules.ts';
import { fmt, loc, seatName, t } from '../../i18n/index.ts';
import type { DrillStore } from '../../store/drill-store.ts';
import { previewReach, unknownAddresses } from '../audience-preview.ts';
import { actionTitle } from '../describe.ts';
import { h } from '../dom.ts';
import { clearOnInput, notice } from '../notice.ts';
import { emptyLine, panel, toggleEmpty } from '../panel.ts';
import { gameClock, parseGameClock } from '../time.ts';

/*
 * Messages go to people. The composer picks recipients from the scenario's directory (or takes a
 * free address) and shows, before anything is sent, who the message will reach: the audience and
 * organisations the engine will record, worked out by the engine's own rules. A public statement or
 * customer notice also says what it claims, each claim chosen from what the scenario allows.
 */

const STATEMENT_AUDIENCES = new Set(['customers', 'public']);

export function commsPanel(store: DrillStore, options: { training: boolean; canSend: boolean }): HTMLElement {
  const channel = h('select', { id: 'msg-channel' }, ...CHANNELS.map((c) => h('option', { value: c, selected: c === 'chat' }, t(`channel.${c}`))));
  const directory = h('div', { class: 'directory', id: 'msg-directory', role: 'group', 'aria-labelledby': 'msg-to-l' });
  const free = h('input', { id: 'msg-free', type: 'text', placeholder: t('comms.freePlaceholder') });
  const reach = h('p', { class: 'reach', id: 'msg-reach', 'aria-live': 'polite' });
  const kind = h('select', { id: 'msg-kind' });
  const dataStores = h('div', { class: 'claims-data', id: 'msg-data', role: 'group', 'aria-label': t('comms.claimData') });
  const records = h('input', { id: 'msg-records', type: 'number', min: 0, step: 1, inputmode: 'numeric' });
  const since = h('input', { id: 'msg-since', type: 'text', placeholder: t('comms.sincePlaceholder') });
  const cause = h('select', { id: 'msg-cause' });
  const actor = h('select', { id: 'msg-actor' });
  const statement = h('fieldset', { class: 'statement', id: 'msg-statement', hidden: true },
    h('legend', {}, t('comms.statement')),
    h('p', { class: 'meta' }, t('comms.statementHelp')),
    h('div', { class: 'grid' },
      h('label', { for: 'msg-kind' }, t('comms.kind')), kind,
      h('span', { class: 'label' }, t('comms.claimData')), dataStores,
      h('label', { for: 'msg-records' }, t('comms.claimRecords')), records,
      h('label', { for: 'msg-since' }, t('comms.claimSince')), since,
      h('label', { for: 'msg-cause' }, t('comms.claimCause')), cause,
      h('label', { for: 'msg-actor' }, t('comms.claimActor')), actor));
  const subject = h('input', { id: 'msg-subject', type: 'text', placeholder: t('comms.subjectPlaceholder'), maxlength: 200 });
  const body = h('textarea', { id: 'msg-body', rows: 3, required: true });
  const encrypted = h('input', { id: 'msg-encrypted', type: 'checkbox' });
  const status = notice('msg-status');
  const messages = h('ol', { class: 'messages', 'aria-label': t('comms.messages') });
  const messagesEmpty = emptyLine(t('comms.none'));

  const checked = () => [...directory.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((c) => c.value);
  const freeAddresses = () => free.value.split(/[,;\s]+/).map((r) => r.trim()).filter(Boolean);
  const recipients = () => [...checked(), ...freeAddresses()];

  const updateReach = () => {
    const view = store.state.view;
    if (!view) return;
    const ch = channel.value as Channel;
    const unknown = unknownAddresses(view.scenario, freeAddresses());
    const p = previewReach(view.scenario, { channel: ch, recipients: recipients().filter((r) => !unknown.includes(r)) });
    const orgs = p.orgs.map((o) => t(`org.${o}`)).join(', ');
    const lines = [recipients().length === 0 && ch !== 'statement' ? t('comms.reachNobody') : t('comms.reach', { audience: t(`audience.${p.audience}`), orgs })];
    if (unknown.length > 0) lines.push(t('comms.notAddress', { list: unknown.join(', ') }));
    reach.textContent = lines.join(' ');
    reach.dataset.audience = p.audience;
    reach.classList.toggle('wide', p.audience !== 'team');
    const statementShown = ch === 'statement' || STATEMENT_AUDIENCES.has(p.audience);
    statement.hidden = !statementShown;
    const previous = kind.value;
    const kinds: (StatementKind | '')[] = ch === 'statement' ? [...STATEMENT_KINDS] : ['', ...STATEMENT_KINDS];
    if (kind.dataset.kinds !== kinds.join(',')) {
      kind.dataset.kinds = kinds.join(',');
      kind.replaceChildren(...kinds.map((k) => h('option', { value: k }, k ? t(`statementKind.${k}`) : t('comms.notStatement'))));
      if (kinds.includes(previous as StatementKind)) kind.value = previous;
    }
  };

  const renderDirectory = (view: DrillView) => {
    const key = JSON.stringify(view.scenario.directory.map((p) => [p.id, p.openedBy ? view.actionsTaken[p.openedBy] !== undefined : true]));
    if (directory.dataset.key === key) return;
    directory.dataset.key = key;
    const was = new Set(checked());
    directory.replaceChildren(...ORGS.flatMap((org) => {
      const people = view.scenario.directory.filter((p) => p.org === org);
      if (people.length === 0) return [];
      return [h('div', { class: 'org' }, h('span', { class: 'org-name' }, t(`org.${org}`)), ...people.map((p) => {
        const open = !p.openedBy || view.actionsTaken[p.openedBy] !== undefined;
        const id = `to-${p.id}`;
        return h('label', { class: `person${open ? '' : ' closed'}`, for: id },
          h('input', { type: 'checkbox', id, value: p.id, checked: open && was.has(p.id), disabled: !open, 'data-org': p.org }),
          ` ${loc(p.name)} `, h('span', { class: 'addr' }, p.address),
          open ? null : h('span', { class: 'meta' }, ` ${t('comms.opensWith', { action: actionTitle(p.openedBy ?? '') })}`));
      }))];
    }));
  };

  const renderClaims = (scenario: PublicScenario) => {
    if (cause.childElementCount > 0) return;
    dataStores.replaceChildren(...scenario.dataStores.map((d) => h('label', { for: `claim-${d.id}` }, h('input', { type: 'checkbox', id: `claim-${d.id}`, value: d.id }), ` ${loc(d.name)}`)));
    if (scenario.dataStores.length === 0) dataStores.append(emptyLine(t('comms.noDataStores')));
    const fill = (select: HTMLSelectElement, list: PublicScenario['claims']['causes']) => select.replaceChildren(h('option', { value: '' }, t('comms.noClaim')), ...list.map((o) => h('option', { value: o.id }, loc(o.label))));
    fill(cause, scenario.claims.causes);
    fill(actor, scenario.claims.actors);
  };

  /** The claims filled in; null with the field to fix when one is not valid. */
  const claims = (): StatementClaims | { error: string } => {
    const out: StatementClaims = {};
    const data = [...dataStores.querySelectorAll<HTMLInputElement>('input:checked')].map((c) => c.value);
    if (data.length > 0) out.data = data;
    if (records.value.trim()) {
      const n = Number(records.value);
      if (!Number.isInteger(n) || n < 0) return { error: t('comms.badRecords') };
      out.records = n;
    }
    if (since.value.trim()) {
      const at = parseGameClock(since.value);
      if (at === null) return { error: t('comms.badSince') };
      out.since = at;
    }
    if (cause.value) out.cause = cause.value;
    if (actor.value) out.actor = actor.value;
    return out;
  };

  const form = h('form', {
    class: 'composer',
    id: 'composer',
    onsubmit: (e: Event) => {
      e.preventDefault();
      const view = store.state.view;
      if (!view) return;
      const to = recipients();
      const ch = channel.value as Channel;
      const unknown = unknownAddresses(view.scenario, freeAddresses());
      if (unknown.length > 0) return status.fail(t('comms.notAddress', { list: unknown.join(', ') }));
      if (to.length === 0 && ch !== 'statement') return status.fail(t('comms.needRecipient'));
      if (!body.value.trim()) return status.fail(t('comms.needBody'));
      const message: MessageDraft = { channel: ch, recipients: to, subject: subject.value, body: body.value, encrypted: encrypted.checked };
      if (!statement.hidden && kind.value) {
        const c = claims();
        if ('error' in c) return status.fail(c.error);
        message.statement = { kind: kind.value as StatementKind, claims: c };
      }
      void store.send({ type: 'message.send', message }).then((r) => {
        status.ack(r, t('comms.sent'), 'comms.notSent');
        if (r.ok) body.value = '';
      });
    },
  },
  h('div', { class: 'grid' },
    h('label', { for: 'msg-channel' }, t('comms.channel')), channel,
    h('span', { class: 'label', id: 'msg-to-l' }, t('comms.to')), directory,
    h('label', { for: 'msg-free' }, t('comms.free')), free),
  reach,
  statement,
  h('div', { class: 'grid' },
    h('label', { for: 'msg-subject' }, t('comms.subject')), subject,
    h('label', { for: 'msg-body' }, t('comms.message')), body,
    h('label', { for: 'msg-encrypted' }, t('comms.encrypted')), h('span', {}, encrypted)),
  h('button', { type: 'submit', id: 'msg-send' }, t('comms.send')),
  status.el);
  clearOnInput(form, status);
  form.addEventListener('change', updateReach);
  form.addEventListener('input', updateReach);

  const rules = options.training
    ? h('details', { class: 'rules' }, h('summary', {}, t('comms.rules')), h('ul', {}, ...COMMS_RULES_DATA.map((r) => h('li', {}, h('strong', {}, loc(r.title)), ' — ', loc(r.explanation)))))
    : null;

  let count = -1;
  store.subscribe((s) => {
    const view = s.view;
    if (!view) return;
    if (options.canSend) {
      renderDirectory(view);
      renderClaims(view.scenario);
      updateReach();
    }
    if (view.messages.length === count) return;
    count = view.messages.length;
    messages.replaceChildren(...[...view.messages].reverse().map((m) => messageItem(view, m)));
    toggleEmpty(messages, messagesEmpty);
  });

  return panel('comms', t('comms.heading'), 'comms',
    options.canSend ? form : null,
    rules,
    h('h3', {}, t('comms.messages')),
    messages,
    messagesEmpty);
}

function messageItem(view: DrillView, m: MessageRecord): HTMLElement {
  const names = m.recipients.map((r) => {
    const p = view.scenario.directory.find((x) => x.id === r);
    return p ? loc(p.name) : r;
  });
  const claims = m.statement ? claimsText(view, m.statement.claims) : '';
  return h('li', { 'data-message': m.id, 'data-audience': m.reach.audience },
    h('p', { class: 'meta' }, t('comms.line', { who: seatName(m.from.seat), channel: t(`channel.${m.channel}`), audience: t(`audience.${m.reach.audience}`), at: gameClock(m.at) })),
    names.length > 0 ? h('p', { class: 'meta to' }, t('comms.toList', { list: names.join(', ') })) : null,
    m.subject ? h('strong', {}, m.subject) : null,
    h('p', { class: 'msg-body' }, m.body),
    m.statement ? h('p', { class: 'meta claims' }, `${t(`statementKind.${m.statement.kind}`)}${claims ? ` — ${claims}` : ''}`) : null);
}

function claimsText(view: DrillView, c: StatementClaims): string {
  const parts: string[] = [];
  if (c.data) parts.push(t('comms.claimsData', { list: c.data.map((d) => { const s = view.scenario.dataStores.find((x) => x.id === d); return s ? loc(s.name) : d; }).join(', ') || t('comms.none') }));
  if (c.records !== undefined) parts.push(t('comms.claimsRecords', { records: fmt.number(c.records) }));
  if (c.since !== undefined) parts.push(t('comms.claimsSince', { since: gameClock(c.since) }));
  const label = (list: PublicScenario['claims']['causes'], id?: string) => { const o = list.find((x) => x.id === id); return o ? loc(o.label) : id ?? ''; };
  if (c.cause) parts.push(t('comms.claimsCause', { cause: label(view.scenario.claims.causes, c.cause) }));
  if (c.actor) parts.push(t('comms.claimsActor', { actor: label(view.scenario.claims.actors, c.actor) }));
  return parts.join('; ');
}
