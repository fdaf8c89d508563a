export { buildReport, type Report, type ReportFinding, type StepRow, type OodaRow } from './model.ts';
export { renderJson } from './json.ts';
export { renderMarkdown } from './markdown.ts';
export { renderHtml, esc } from './html.ts';
export { gameTime, CATEGORY_LABELS } from './format.ts';
