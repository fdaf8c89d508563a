import type { AssetState, Truth } from '../../../shared/engine/types.ts';
import type { DrillView } from '../../../shared/engine/view-types.ts';
import type { KnowledgeLevel } from '../../../shared/scenario/schema.ts';
import { CRITICALITY_WEIGHT } from '../../../shared/scoring/context.ts';

/*
 * What the situation board shows, as plain data: one model per system and where it sits. The scene
 * draws these and nothing else, so what it shows can be tested without a canvas. The board shows
 * what the team knows (unknown, suspected, confirmed, cleared) and what the team did; the truth only
 * when the facilitator turns its overlay on.
 */

/** Flags shown on a system, most consequential first. */
export const SHOWN_FLAGS = ['destroyed', 'shutDown', 'isolated', 'restored', 'rebooted', 'imageSecured', 'imaged', 'memoryCaptured', 'sessionsKilled', 'sensorsDeployed', 'monitored'] as const;
export type ShownFlag = (typeof SHOWN_FLAGS)[number];

export interface NodeWork {
  workId: string;
  seat: string;
  action: string;
  startedAt: number;
  endsAt: number;
}

export interface NodeModel {
  id: string;
  criticality: 'low' | 'medium' | 'high' | 'critical';
  knowledge: KnowledgeLevel;
  flags: ShownFlag[];
  /** Out of service (isolated, shut down or destroyed, and not restored). */
  down: boolean;
  /** Work running on it now, if any. */
  work: NodeWork | null;
  /** Facilitator overlay: when it really fell (game ms) and whether it was the way in; null when clean or the overlay is off. */
  truth: { since: number; entry: boolean } | null;
}

function flagsOf(a: AssetState): ShownFlag[] {
  const out: ShownFlag[] = [];
  for (const f of SHOWN_FLAGS) {
    if (!a[f]) continue;
    // A secured image says more than an image; shut down says more than isolated once destroyed.
    if (f === 'imaged' && a.imageSecured) continue;
    if (f === 'shutDown' && a.destroyed) continue;
    out.push(f);
  }
  return out;
}

/** One model per system of the scenario, from the view; `truth` only for the facilitator's overlay. */
export function nodeModels(view: DrillView, truth: Truth | null, now: number): NodeModel[] {
  return view.scenario.assets.map((asset) => {
    const state = view.assets[asset.id];
    const running = view.work.find((w) => w.status === 'running' && w.target === asset.id);
    const fell = truth?.compromised[asset.id];
    return {
      id: asset.id,
      criticality: asset.criticality,
      knowledge: state?.knowledge ?? 'unknown',
      flags: state ? flagsOf(state) : [],
      down: state ? state.downSince !== null : false,
      work: running ? { workId: running.id, seat: running.seat, action: running.action, startedAt: running.startedAt, endsAt: running.endsAt } : null,
      truth: truth && fell !== undefined && fell * 60_000 <= now ? { since: fell * 60_000, entry: truth.entry === asset.id } : null,
    };
  });
}

/** Business impact so far: minutes each system has been out of service, times how critical it is. */
export function businessImpact(view: Pick<DrillView, 'scenario' | 'assets'>, now: number): number {
  let units = 0;
  for (const asset of view.scenario.assets) {
    const state = view.assets[asset.id];
    if (!state) continue;
    const ms = state.downMs + (state.downSince !== null ? Math.max(0, now - state.downSince) : 0);
    units += (ms / 60_000) * CRITICALITY_WEIGHT[asset.criticality];
  }
  return units;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Layers of the network: a system sits one layer after every system that links to it (the load
 * balancer, then the nodes behind it, then their database). Systems in a loop, or linked to by
 * nothing, start a layer of their own.
 */
export function layers(assets: readonly { id: string; links: readonly string[] }[]): string[][] {
  const ids = new Set(assets.map((a) => a.id));
  const depth = new Map(assets.map((a) => [a.id, 0]));
  // Longest path from a root, relaxed at most once per asset so a loop cannot run for ever.
  for (let pass = 0; pass < assets.length; pass++) {
    let changed = false;
    for (const a of assets) {
      for (const l of a.links) {
        if (!ids.has(l) || l === a.id) continue;
        const d = (depth.get(a.id) ?? 0) + 1;
        if (d > (depth.get(l) ?? 0) && d < assets.length) {
          depth.set(l, d);
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  const out: string[][] = [];
  for (const a of assets) (out[depth.get(a.id) ?? 0] ??= []).push(a.id);
  return out.filter((layer) => layer && layer.length > 0);
}

/** Smallest and largest size of a system's box, in CSS pixels. */
export const BOX = { minW: 120, maxW: 210, minH: 76, maxH: 92, gap: 14, margin: 10 } as const;

/**
 * Where each system's box goes on a board `width` × `height`: layers left to right on a wide board,
 * top to bottom on a narrow one (a phone), each layer's systems spread across it. Boxes shrink to
 * fit but never below BOX.min*, so text always has room; a layer too wide is wrapped.
 */
export function layout(assets: readonly { id: string; links: readonly string[] }[], width: number, height: number): Map<string, Rect> {
  const ls = layers(assets);
  const horizontal = width >= height * 1.25;
  const along = horizontal ? width : height; // the axis layers follow one another on
  const across = horizontal ? height : width;
  const widest = Math.max(1, ...ls.map((l) => l.length));
  // Across a layer, at most as many boxes as fit side by side; more wrap into extra rows of the layer.
  const acrossBox = horizontal ? BOX.minH : BOX.minW;
  const fit = Math.max(1, Math.floor((across - 2 * BOX.margin + BOX.gap) / (acrossBox + BOX.gap)));
  const rows = ls.flatMap((layer) => {
    const chunks: string[][] = [];
    for (let i = 0; i < layer.length; i += fit) chunks.push(layer.slice(i, i + fit));
    return chunks;
  });
  const perRow = Math.min(widest, fit);
  const slotAlong = (along - 2 * BOX.margin) / rows.length;
  const slotAcross = (across - 2 * BOX.margin) / perRow;
  const w = clamp(horizontal ? slotAlong - BOX.gap : slotAcross - BOX.gap, BOX.minW, BOX.maxW);
  const h = clamp(horizontal ? slotAcross - BOX.gap : slotAlong - BOX.gap, BOX.minH, BOX.maxH);
  const out = new Map<string, Rect>();
  rows.forEach((row, r) => {
    const a = BOX.margin + slotAlong * (r + 0.5);
    const slot = (across - 2 * BOX.margin) / row.length;
    row.forEach((id, i) => {
      const c = BOX.margin + slot * (i + 0.5);
      const [cx, cy] = horizontal ? [a, c] : [c, a];
      out.set(id, { x: Math.round(cx - w / 2), y: Math.round(cy - h / 2), w: Math.round(w), h: Math.round(h) });
    });
  });
  return out;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** The height a board of `width` needs to lay out these systems without squeezing boxes below their minimum. */
export function boardHeight(assets: readonly { id: string; links: readonly string[] }[], width: number, wide: number): number {
  if (width >= 700) return wide;
  const ls = layers(assets);
  const fit = Math.max(1, Math.floor((width - 2 * BOX.margin + BOX.gap) / (BOX.minW + BOX.gap)));
  const rows = ls.reduce((n, l) => n + Math.ceil(l.length / fit), 0);
  return Math.ceil(rows * (BOX.minH + BOX.gap + 4) + 2 * BOX.margin);
}
