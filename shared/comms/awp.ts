import { normalize } from './normalize.ts';

/*
 * The privilege label the runbook asks for on every incident email and chat topic. The runbook
 * writes "Attorney Work Project"; the legal term is "Attorney Work Product". Both are accepted, as
 * are the usual Japanese and Chinese renderings of the legal term.
 */
export const AWP_PHRASES = ['attorney work project', 'attorney work product', '弁護士業務成果物', '弁護士作業成果物', '律师工作成果', '律師工作成果'] as const;

const OPENERS = /^[\s[(【「『<〈（]*/u;
const CLOSERS = /^[\s\])】」』>〉）:：\-–—|｜,，.。]*$/u;

/** The text begins with the privilege label (brackets before it and punctuation after it allowed). */
export function hasAwpPrefix(text: string): boolean {
  const t = normalize(text).replace(OPENERS, '');
  return AWP_PHRASES.some((p) => t.startsWith(p));
}

/** The subject is the privilege label and nothing else. */
export function isAwpOnlySubject(subject: string): boolean {
  const t = normalize(subject).replace(OPENERS, '');
  return AWP_PHRASES.some((p) => t.startsWith(p) && CLOSERS.test(t.slice(p.length)));
}
