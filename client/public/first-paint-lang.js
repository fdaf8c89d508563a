/*
 * Label the page with the reader's language before the first paint, so fonts, hyphenation and
 * screen readers are right while the bundle loads (it sets the same value when it runs). The
 * rules mirror detectLocale in src/i18n/index.ts: ?lang=, then the stored choice, then the
 * browser, else English; any Chinese tag is zh-CN. test/client/first-paint-lang.test.ts runs
 * this script against detectLocale so the two cannot drift apart. A file of its own, not inline:
 * the pages' Content-Security-Policy runs scripts from this server only.
 */
(() => {
  const match = (tag) => {
    const l = String(tag || '').toLowerCase();
    if (l === 'en' || l.startsWith('en-')) return 'en';
    if (l === 'ja' || l.startsWith('ja-')) return 'ja';
    if (l === 'zh' || l.startsWith('zh-')) return 'zh-CN';
    return null;
  };
  let stored = null;
  try {
    stored = localStorage.getItem('ttx-locale');
  } catch {
    /* storage unavailable (privacy settings): the query and the browser still decide */
  }
  const candidates = [new URLSearchParams(location.search).get('lang'), stored, ...(navigator.languages || [navigator.language])];
  document.documentElement.lang = candidates.map(match).find(Boolean) || 'en';
})();
