import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { REPORT_CSS } from '../../shared/report/html.ts';

/*
 * Headers on every response. Seat tokens travel in `?join=` links, so pages send no Referer and
 * cannot be framed; scripts come from this server only. The one inline style allowed, by its hash,
 * is the HTML report's: the client shows it in a srcdoc frame, which runs under the page's policy.
 */

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' ${hash(REPORT_CSS)}`,
  // Phaser builds its default textures from data: URLs; downloads are blob: URLs.
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The HTML report opened by its URL: no script and nothing fetched, its own inline style only. */
export const REPORT_CSP = `default-src 'none'; style-src ${hash(REPORT_CSS)}; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': PAGE_CSP,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}
