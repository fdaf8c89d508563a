import { containsAny, escapeRegExp, normalize, normalizeAll } from './normalize.ts';

/*
 * Things that must not leave the response team: credentials, the names and addresses of internal
 * systems, and the incident's codename (which only means something to insiders). Each check works
 * on English, Japanese and Chinese text.
 */

const CREDENTIAL_PATTERNS: readonly RegExp[] = [
  /\b(password|passwd|pwd|passphrase)\s*(is|was|:|=)\s*\S{4,}/,
  /\b(api[ _-]?key|secret[ _-]?key|access[ _-]?key|token)\s*(is|was|:|=)\s*\S{6,}/,
  /\bakia[0-9a-z]{16}\b/,
  /-----begin [a-z ]*private key-----/,
  /(パスワード|暗証番号|秘密鍵|アクセスキー)\s*(は|:|：|=)\s*\S{4,}/,
  /(密码|口令|密钥|访问密钥)\s*(是|为|:|：|=)\s*\S{4,}/,
];

/** The text gives away a credential. */
export function revealsCredential(text: string): boolean {
  const t = normalize(text);
  return CREDENTIAL_PATTERNS.some((p) => p.test(t));
}

const PRIVATE_IP = /\b(10\.\d{1,3}\.\d{1,3}\.\d{1,3}|192\.168\.\d{1,3}\.\d{1,3}|172\.(1[6-9]|2\d|3[01])\.\d{1,3}\.\d{1,3})\b/;

/**
 * The text names an internal system: a private IP address, or one of the organisation's asset ids
 * (only ids that look like host names, with a digit or a dash, so ordinary words are not caught).
 */
export function namesInternalSystem(text: string, assetIds: readonly string[]): boolean {
  const t = normalize(text);
  if (PRIVATE_IP.test(t)) return true;
  return hostPatterns(assetIds).some((p) => p.test(t));
}

/** The patterns of the ids that look like host names, built once per list of ids. */
const patternsOf = new WeakMap<readonly string[], RegExp[]>();
function hostPatterns(assetIds: readonly string[]): RegExp[] {
  let patterns = patternsOf.get(assetIds);
  if (!patterns) {
    patterns = assetIds.filter((id) => /[\d-]/.test(id)).map((id) => new RegExp(`(^|[^a-z0-9-])${escapeRegExp(id)}($|[^a-z0-9-])`));
    patternsOf.set(assetIds, patterns);
  }
  return patterns;
}

/** What a message gives away, if anything: the first kind of secret found. */
export function secretIn(text: string, assetIds: readonly string[], codename: string | null): 'credential' | 'internal-system' | 'codename' | null {
  if (revealsCredential(text)) return 'credential';
  if (namesInternalSystem(text, assetIds)) return 'internal-system';
  if (codename && codename.trim().length > 2 && normalize(text).replace(/[\s_\-–—.]/g, '').includes(normalize(codename).replace(/[\s_\-–—.]/g, ''))) return 'codename';
  return null;
}

const PROMISES = [
  'guarantee',
  'will never happen again',
  'will not happen again',
  'fully resolved',
  'completely resolved',
  'no action is needed',
  'no action needed',
  'no need to take any action',
  'no customer data',
  'no data was',
  'only a few records',
  '保証',
  '二度と起こ',
  '完全に解決',
  '対応は不要',
  '何もする必要はありません',
  '保证',
  '不会再发生',
  '已完全解决',
  '无需采取任何行动',
];

/** A promise or reassurance the team cannot know it can keep. */
export function makesPromises(text: string): boolean {
  return containsAny(text, PROMISES);
}

/** The text names one of these parties (an attacker's alias, a supplier). */
export function namesParty(text: string, names: readonly string[]): boolean {
  const t = normalize(text);
  return normalizeAll(names).some((n) => n.length > 2 && t.includes(n));
}
