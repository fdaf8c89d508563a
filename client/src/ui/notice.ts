import { errorText, t } from '../i18n/index.ts';
import type { AckResult } from '../../../shared/protocol/index.ts';
import { h } from './dom.ts';

/*
 * Short-lived confirmations ("Sent.") and refusals beside the control that caused them. A
 * confirmation clears itself after a few seconds, and any message clears as soon as the person
 * starts on the next thing, so nothing stays on screen after it stops being true.
 */

const CONFIRMATION_MS = 4000;

export interface Notice {
  el: HTMLElement;
  ok(text: string): void;
  fail(text: string): void;
  clear(): void;
  /** Show a command's answer: `okText` on success, the reason otherwise. */
  ack(result: AckResult<unknown>, okText: string, failKey?: string): void;
}

export function notice(id?: string): Notice {
  const el = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', ...(id ? { id } : {}) });
  let timer: ReturnType<typeof setTimeout> | null = null;
  const clear = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    el.textContent = '';
    el.classList.remove('ok', 'fail');
  };
  const show = (text: string, kind: 'ok' | 'fail') => {
    clear();
    el.textContent = text;
    el.classList.add(kind);
    // A refusal stays until the person acts again: it may need reading twice.
    if (kind === 'ok') timer = setTimeout(clear, CONFIRMATION_MS);
  };
  return {
    el,
    ok: (text) => show(text, 'ok'),
    fail: (text) => show(text, 'fail'),
    clear,
    ack(result, okText, failKey = 'notice.failed') {
      if (result.ok) show(okText, 'ok');
      else show(t(failKey, { reason: errorText(result.error) }), 'fail');
    },
  };
}

/** Clear a notice whenever the person edits any field inside `form`. */
export function clearOnInput(form: HTMLElement, n: Notice): void {
  form.addEventListener('input', () => n.clear());
}
