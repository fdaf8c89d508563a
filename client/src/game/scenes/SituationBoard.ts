import Phaser from 'phaser';
import type { AssetState } from '../../../../shared/engine/types.ts';
import { fmt, loc, locale, t } from '../../i18n/index.ts';
import { FONT_STACKS, MONO_STACK } from '../../ui/fonts.ts';
import type { DrillStore, StoreState } from '../../store/drill-store.ts';
import { bus } from '../event-bus.ts';
import { gameClock } from '../../ui/dom.ts';

/*
 * The situation board: the network of assets with each system's state, the exfiltration meter and
 * the game clock. It only draws what the store holds and reports clicks on the event bus.
 */

const INK = '#e8edf5';
/*
 * Phaser sizes a text's canvas from the ascent and descent of this string. Its default is Latin
 * only; CJK glyphs in the Noto/Hiragino/YaHei families sit taller, so include some, or their tops
 * and bottoms get clipped.
 */
const METRICS = '|MÃ‰qgy国漢あ';
const MUTED = '#9aa7b8';

/** Status words, so colour is never the only signal. */
function statusWords(a: AssetState): string[] {
  const words: string[] = [];
  if (a.destroyed) words.push(t('board.destroyed'));
  else if (a.shutDown) words.push(t('board.shutDown'));
  if (a.compromised && !a.destroyed) words.push(t('board.compromised'));
  if (a.isolated) words.push(t('board.isolated'));
  if (a.imaged) words.push(a.imageSecured ? t('board.imaged') : t('board.imagedOnHost'));
  if (a.memoryCaptured) words.push(t('board.memory'));
  if (words.length === 0) words.push(t('board.ok'));
  return words;
}

function colourFor(a: AssetState): number {
  if (a.destroyed) return 0x6b7280;
  if (a.isolated || a.shutDown) return 0x2f7de1;
  if (a.compromised) return 0xd9463e;
  return 0x2f9e5b;
}

export class SituationBoard extends Phaser.Scene {
  private unsubscribe: (() => void) | null = null;
  private layer: Phaser.GameObjects.Container | null = null;
  private lastKey = '';

  constructor(private readonly store: DrillStore, private readonly reducedMotion: () => boolean) {
    super('situation-board');
  }

  create(): void {
    this.unsubscribe = this.store.subscribe((s) => this.draw(s));
    this.events.once('shutdown', () => this.unsubscribe?.());
    this.scale.on('resize', () => this.draw(this.store.state, true));
  }

  private draw(s: StoreState, force = false): void {
    const view = s.view;
    if (!view) return;
    const key = JSON.stringify([view.assets, view.exfil, view.lifecycle, view.speed, Math.floor(view.clock / 1000), this.scale.width, this.scale.height]);
    if (key === this.lastKey && !force) return;
    const previous = this.lastKey;
    this.lastKey = key;
    this.layer?.destroy();
    const layer = this.add.container(0, 0);
    this.layer = layer;
    const { width, height } = this.scale;
    const font = FONT_STACKS[locale()];

    layer.add(this.add.text(16, 12, loc(view.scenario.title).toUpperCase(), { fontFamily: font, testString: METRICS, fontSize: '16px', color: MUTED }));
    layer.add(this.add.text(width - 16, 10, `T+${gameClock(view.clock)}`, { fontFamily: MONO_STACK, fontSize: '24px', color: INK }).setOrigin(1, 0));
    layer.add(this.add.text(width - 16, 40, t(`lifecycle.${view.lifecycle}`).toUpperCase() + (view.speed !== 1 ? ` · ${view.speed}×` : ''), { fontFamily: font, testString: METRICS, fontSize: '12px', color: MUTED }).setOrigin(1, 0));

    // Nodes on an ellipse, links first so they sit underneath.
    const assets = view.scenario.assets;
    const cx = width / 2;
    const cy = height / 2 - 10;
    const rx = Math.max(120, width / 2 - 150);
    const ry = Math.max(80, height / 2 - 110);
    const pos = new Map(assets.map((a, i) => {
      const angle = (i / assets.length) * Math.PI * 2 - Math.PI / 2;
      return [a.id, { x: cx + Math.cos(angle) * rx, y: cy + Math.sin(angle) * ry }];
    }));
    const links = this.add.graphics();
    links.lineStyle(2, 0x3a4658, 1);
    for (const a of assets) for (const l of a.links) {
      const p = pos.get(a.id);
      const q = pos.get(l);
      if (p && q) links.lineBetween(p.x, p.y, q.x, q.y);
    }
    layer.add(links);
    for (const a of assets) {
      const p = pos.get(a.id);
      const state = view.assets[a.id];
      if (!p || !state) continue;
      const box = this.add.rectangle(p.x, p.y, 190, 74, 0x151b24).setStrokeStyle(3, colourFor(state)).setInteractive({ useHandCursor: true });
      box.on('pointerdown', () => bus.emit('asset:selected', { assetId: a.id }));
      layer.add(box);
      // CJK has no spaces to break at, so wrap by character where needed.
      const wrap = { width: 180, useAdvancedWrap: true };
      layer.add(this.add.text(p.x, p.y - 20, loc(a.name), { fontFamily: font, testString: METRICS, fontSize: '13px', color: INK, align: 'center', wordWrap: wrap }).setOrigin(0.5, 0));
      layer.add(this.add.text(p.x, p.y + 16, statusWords(state).join(' · '), { fontFamily: font, testString: METRICS, fontSize: '11px', color: state.compromised && !state.isolated ? '#ff9b95' : MUTED, align: 'center', wordWrap: wrap }).setOrigin(0.5, 0));
      layer.add(this.add.text(p.x - 90, p.y - 35, t(`criticality.${a.criticality}`), { fontFamily: font, testString: METRICS, fontSize: '10px', color: MUTED }));
      if (previous && state.compromised && !state.isolated && !this.reducedMotion()) {
        this.tweens.add({ targets: box, alpha: { from: 1, to: 0.55 }, yoyo: true, repeat: 1, duration: 300 });
      }
    }

    // Exfiltration meter.
    const meterW = Math.min(520, width - 40);
    const mx = (width - meterW) / 2;
    const my = height - 42;
    const total = view.exfil.records;
    const stopped = view.exfil.stopped;
    const frac = Math.min(1, total / 500_000);
    layer.add(this.add.rectangle(mx, my, meterW, 16, 0x202a37).setOrigin(0, 0.5));
    layer.add(this.add.rectangle(mx, my, Math.max(2, meterW * frac), 16, stopped ? 0x2f7de1 : 0xd9463e).setOrigin(0, 0.5));
    const exfilLine = `${t('board.exfil', { records: fmt.number(total) })} ${stopped ? t('board.exfilStopped') : total > 0 ? t('board.exfilOngoing') : ''}`.trim();
    layer.add(this.add.text(mx, my - 26, exfilLine, { fontFamily: font, testString: METRICS, fontSize: '12px', color: INK }));

    // The same facts in words, for screen readers (and for tests, which cannot read a canvas).
    const lines = assets.map((a) => {
      const state = view.assets[a.id];
      return `${loc(a.name)} (${t(`criticality.${a.criticality}`)}): ${state ? statusWords(state).join(', ') : ''}`;
    });
    bus.emit('board:described', { text: [`T+${gameClock(view.clock)} ${t(`lifecycle.${view.lifecycle}`)}`, ...lines, exfilLine].join('. '), font });
  }
}
