import { gameTimeText } from '../../i18n/message.ts';

/*
 * Text and boxes for the report's SVG charts, worked out without a DOM so the same log draws the
 * same chart everywhere. Widths are estimated generously per character class (CJK is a full em), so
 * a label laid out here fits inside its box in any of the fonts the stylesheet names.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const intersects = (a: Box, b: Box, gap = 0): boolean => a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;

export const inside = (inner: Box, outer: Box): boolean => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2026\u2192\u201c\u201d]/;

/** Width of one character in ems, on the generous side. */
function charEm(c: string): number {
  if (WIDE.test(c)) return 1;
  if (/[mwMW@%]/.test(c)) return 0.92;
  if (/[A-Z]/.test(c)) return 0.72;
  if (/[ijlI.,:;'!|]/.test(c)) return 0.32;
  if (/[ frt()[\]-]/.test(c)) return 0.4;
  if (/[a-z0-9]/.test(c)) return 0.6;
  return 0.64;
}

/** Estimated advance width of `text` at `size` px. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const c of text) em += charEm(c);
  return Math.ceil(em * size);
}

/** `text` cut with an ellipsis to fit `max` px at `size`. */
export function fitText(text: string, size: number, max: number): string {
  if (textWidth(text, size) <= max) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join('')}…`, size) > max) chars.pop();
  return chars.length > 0 ? `${chars.join('').trimEnd()}…` : '';
}

/**
 * `text` broken into at most `maxLines` lines of `max` px: at spaces where it has them, anywhere in
 * text without (Chinese, Japanese); the last line is cut with an ellipsis if the rest does not fit.
 */
export function wrapText(text: string, size: number, max: number, maxLines: number): string[] {
  const lines: string[] = [];
  let rest = text.trim();
  while (rest && lines.length < maxLines - 1 && textWidth(rest, size) > max) {
    const chars = [...rest];
    let cut = 0;
    while (cut < chars.length && textWidth(chars.slice(0, cut + 1).join(''), size) <= max) cut++;
    const head = chars.slice(0, cut).join('');
    const space = head.lastIndexOf(' ');
    const at = space > 0 && /\s/.test(rest) ? space : Math.max(1, cut);
    lines.push([...rest].slice(0, at).join('').trimEnd());
    rest = [...rest].slice(at).join('').trimStart();
  }
  if (rest) lines.push(fitText(rest, size, max));
  return lines;
}

/** The box a line of text occupies, from its anchor point and baseline. */
export function textBox(text: string, size: number, x: number, baseline: number, anchor: 'start' | 'middle' | 'end'): Box {
  const w = textWidth(text, size);
  const left = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
  // Ascent and descent as a share of the size, with room for CJK glyphs, which fill the em.
  return { x: left, y: baseline - Math.ceil(size * 0.92), w, h: Math.ceil(size * 1.2) };
}

/** A text label placed on a chart, with the box it occupies. */
export interface Label {
  text: string;
  x: number;
  y: number;
  size: number;
  anchor: 'start' | 'middle' | 'end';
  box: Box;
  cls: string;
}

export function label(text: string, size: number, x: number, baseline: number, anchor: Label['anchor'], cls: string): Label {
  return { text, x, y: baseline, size, anchor, box: textBox(text, size, x, baseline, anchor), cls };
}

const TICK_MINUTES = [1, 2, 5, 10, 15, 20, 30, 60, 90, 120, 180, 240];

/** Tick times (ms) every round number of minutes, at most `max` of them from 0 to `end`. */
export function tickTimes(end: number, max: number): number[] {
  const minutes = end / 60_000;
  const step = TICK_MINUTES.find((m) => minutes / m <= max - 1) ?? Math.ceil(minutes / (max - 1));
  const out: number[] = [];
  for (let m = 0; m * 60_000 <= end; m += step) out.push(m * 60_000);
  return out;
}

/**
 * Axis labels along the top: centred on their tick, but the first starts at its tick and one that
 * would cross the chart's right edge ends at its tick, so no label is ever cut off. Where two would
 * touch, the earlier one is left out: the last tick, the drill's end, always keeps its label.
 */
export function axisLabels(ticks: readonly number[], x: (t: number) => number, left: number, right: number, baseline: number, size: number): Label[] {
  const all = ticks.map((t) => {
    const text = gameTimeText(t);
    let l = label(text, size, x(t), baseline, 'middle', 'tick');
    if (l.box.x < left) l = label(text, size, x(t), baseline, 'start', 'tick');
    if (l.box.x + l.box.w > right) l = label(text, size, x(t), baseline, 'end', 'tick');
    return l;
  });
  const kept: Label[] = [];
  for (const l of [...all].reverse()) if (!kept.some((k) => intersects(k.box, l.box, 4))) kept.push(l);
  return kept.reverse();
}

export const escXml = (s: string | number): string => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function labelSvg(l: Label): string {
  return `<text x="${l.x}" y="${l.y}" class="${l.cls}"${l.anchor === 'start' ? '' : ` text-anchor="${l.anchor}"`}>${escXml(l.text)}</text>`;
}

/** Round to a tenth of a pixel so the SVG text is short and stable. */
export const px = (n: number): number => Math.round(n * 10) / 10;
