import { AUDIENCES, CHANNELS, MESSAGE_PURPOSES, type MessageAudience, type Channel, type MessagePurpose } from '../../../../shared/engine/types.ts';
import { COMMS_RULES_DATA } from '../../../../shared/runbook/comms-rules.ts';
import type { DrillStore } from '../../store/drill-store.ts';
import { errorText, loc, seatName, t } from '../../i18n/index.ts';
import { clear, h } from '../dom.ts';

/** The comms composer: channel, audience, purpose, recipients, subject, body. Rules show as hints in training only. */
export function commsPanel(store: DrillStore, training: boolean): HTMLElement {
  // Option values stay the protocol's words; the text shown is the reader's language.
  const select = <T extends string>(id: string, label: string, group: string, values: readonly T[], initial: T) =>
    h('select', { id, 'aria-label': label }, ...values.map((v) => h('option', { value: v, selected: v === initial }, t(`${group}.${v}`))));
  const channel = select<Channel>('msg-channel', t('comms.channel'), 'channel', CHANNELS, 'chat');
  const audience = select<MessageAudience>('msg-audience', t('comms.audience'), 'audience', AUDIENCES, 'team');
  const purpose = select<MessagePurpose>('msg-purpose', t('comms.purpose'), 'purpose', MESSAGE_PURPOSES, 'discussion');
  const recipients = h('input', { id: 'msg-recipients', type: 'text', placeholder: 'a@example.com, b@example.com' });
  const subject = h('input', { id: 'msg-subject', type: 'text', placeholder: t('comms.subjectPlaceholder') });
  const body = h('textarea', { id: 'msg-body', rows: 4, required: true });
  const encrypted = h('input', { id: 'msg-encrypted', type: 'checkbox' });
  const status = h('p', { class: 'status', role: 'status' });
  const messages = h('ol', { class: 'messages', 'aria-label': t('comms.messages') });
  const form = h('form', {
    class: 'composer',
    onsubmit: (e: Event) => {
      e.preventDefault();
      void store.send({
        type: 'message.send',
        message: { channel: channel.value as Channel, audience: audience.value as MessageAudience, purpose: purpose.value as MessagePurpose, recipients: recipients.value.split(',').map((r) => r.trim()).filter(Boolean), subject: subject.value, body: body.value, encrypted: encrypted.checked },
      }).then((r) => {
        status.textContent = r.ok ? t('comms.sent') : t('comms.notSent', { reason: errorText(r.error) });
        if (r.ok) body.value = '';
      });
    },
  },
  h('div', { class: 'grid' },
    h('label', { for: 'msg-channel' }, t('comms.channel')), channel,
    h('label', { for: 'msg-audience' }, t('comms.audience')), audience,
    h('label', { for: 'msg-purpose' }, t('comms.purpose')), purpose,
    h('label', { for: 'msg-recipients' }, t('comms.recipients')), recipients,
    h('label', { for: 'msg-subject' }, t('comms.subject')), subject,
    h('label', { for: 'msg-body' }, t('comms.message')), body,
    h('label', { for: 'msg-encrypted' }, t('comms.encrypted')), encrypted),
  h('button', { type: 'submit' }, t('comms.send')), status);
  const hints = training
    ? h('details', { class: 'hints' }, h('summary', {}, t('comms.rules')), h('ul', {}, ...COMMS_RULES_DATA.map((r) => h('li', {}, h('strong', {}, loc(r.title)), ' — ', loc(r.explanation)))))
    : null;
  store.subscribe((s) => {
    const list = s.view?.messages ?? [];
    if (messages.childElementCount === list.length) return;
    clear(messages);
    for (const m of [...list].reverse()) messages.append(h('li', {}, h('span', { class: 'meta' }, `${seatName(m.from.seat)} · ${t(`channel.${m.channel}`)} → ${t(`audience.${m.audience}`)}`), h('strong', {}, m.subject ? ` ${m.subject}` : ''), h('p', { class: 'msg-body' }, m.body)));
  });
  return h('section', { class: 'panel comms', 'aria-labelledby': 'comms-h' }, h('h2', { id: 'comms-h' }, t('comms.heading')), form, hints, h('h3', {}, t('comms.messages')), messages);
}
