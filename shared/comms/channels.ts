import { containsAny, normalize } from './normalize.ts';

const INCIDENT_WORDS = ['breach', 'hack', 'attack', 'attacker', 'exfil', 'leak', 'stolen', 'steal', 'compromis', 'malware', 'ransom', 'intrusion', 'incident', 'customer data', 'database', '侵害', '漏洩', '攻撃', '不正アクセス', 'ハッキング', '流出', 'インシデント', '入侵', '泄露', '攻击', '黑客', '数据泄漏', '事件', '被盗'];

/** The text talks about the incident itself. */
export function mentionsIncident(text: string): boolean {
  return containsAny(text, INCIDENT_WORDS);
}

const SECURE_CHANNEL = ['bridge', 'slack', 'chat', 'signal', 'call me', 'join the call', 'private channel', 'secure channel', 'ブリッジ', 'チャット', '電話', '通話', 'チャンネル', '会议', '电话', '频道', '聊天', '通话'];

/** An SMS whose only job is to move someone to a secure channel: it names one and says nothing of the incident. */
export function isSecureChannelRedirect(text: string): boolean {
  return containsAny(text, SECURE_CHANNEL) && !mentionsIncident(text);
}

/** The codename appears in the text (case, width and separator insensitive). */
export function mentionsCodename(text: string, codename: string): boolean {
  const key = (s: string) => normalize(s).replace(/[\s_\-–—.]/g, '');
  return codename.trim().length > 0 && key(text).includes(key(codename));
}

/** An email address outside the company's domain; subdomains of the company domain are inside. */
export function isExternalAddress(address: string, companyDomain: string): boolean {
  const at = address.lastIndexOf('@');
  if (at < 0) return false;
  const domain = normalize(address.slice(at + 1)).replace(/[>\s]+$/, '');
  const company = normalize(companyDomain);
  return !(domain === company || domain.endsWith(`.${company}`));
}
