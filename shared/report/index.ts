export { buildReport, type Report, type ReportOptions, type ReportFinding, type StepRow, type OodaRow } from './model.ts';
export { renderJson } from './json.ts';
export { renderMarkdown } from './markdown.ts';
export { renderHtml, esc } from './html.ts';
export { gameTime, count } from './format.ts';
export { REPORT_LABELS, type ReportLabels } from './labels.ts';
