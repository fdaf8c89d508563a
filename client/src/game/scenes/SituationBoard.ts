import Phaser from 'phaser';
import type { DrillView } from '../../../../shared/engine/view-types.ts';
import { loc, locale, seatName, t } from '../../i18n/index.ts';
import { FONT_STACKS } from '../../ui/fonts.ts';
import { assetName } from '../../ui/asset-name.ts';
import { gameClock } from '../../ui/time.ts';
import type { DrillStore, StoreState } from '../../store/drill-store.ts';
import { bus, selectedAsset } from '../event-bus.ts';
import { layout, nodeModels, type NodeModel, type Rect } from '../board-model.ts';

/*
 * The situation board: the organisation's systems as the team knows them, linked as they talk to
 * each other. Each system is a box drawn from its model (board-model.ts); a box is redrawn only
 * when its model changes, and the only thing drawn on a timer is the progress of running work.
 * Clicking a box picks the system; the war room then offers the seat's actions on it.
 */

export interface BoardOptions {
  reducedMotion: () => boolean;
  /** Whether the facilitator's truth overlay is on; absent for players, who never get the truth. */
  truthOverlay?: () => boolean;
}

const INK = '#e8edf5';
const MUTED = '#aab4c3';
const BOX_FILL = 0x151b24;
const SELECTED = 0x5eb1ff;
/** Border colour and text colour by what the team knows: colour is never the only signal (the word is shown too). */
const KNOWLEDGE_LINE: Record<string, number> = { unknown: 0x5c6878, suspected: 0xf0b429, confirmed: 0xf2645a, cleared: 0x3fb950 };
const KNOWLEDGE_TEXT: Record<string, string> = { unknown: MUTED, suspected: '#ffd479', confirmed: '#ff9b95', cleared: '#7ee2a8' };
/**
 * Phaser sizes a text's canvas from the ascent and descent of this string. Its default is Latin
 * only; CJK glyphs sit taller, so include some, or their tops and bottoms get clipped.
 */
const METRICS = '|MÃ‰qgy国漢あ';
const PROGRESS_MS = 250;

/** Put `text` in `obj`, wrapped to its width and cut to `maxLines` lines with an ellipsis. */
function fit(obj: Phaser.GameObjects.Text, text: string, maxLines: number): void {
  if (obj.getWrappedText(text).length <= maxLines) {
    obj.setText(text);
    return;
  }
  let cut = text;
  while (cut.length > 1) {
    cut = cut.slice(0, -1);
    if (obj.getWrappedText(`${cut.trimEnd()}…`).length <= maxLines) break;
  }
  obj.setText(`${cut.trimEnd()}…`);
}

/** One system's box: its frame, name, what is known and done, and the work running on it. */
class NodeBox {
  readonly container: Phaser.GameObjects.Container;
  private readonly frame: Phaser.GameObjects.Graphics;
  private readonly name: Phaser.GameObjects.Text;
  private readonly status: Phaser.GameObjects.Text;
  private readonly work: Phaser.GameObjects.Text;
  private readonly bar: Phaser.GameObjects.Graphics;
  private readonly zone: Phaser.GameObjects.Zone;
  private key = '';
  rect: Rect = { x: 0, y: 0, w: 0, h: 0 };
  model: NodeModel | null = null;

  constructor(private readonly scene: Phaser.Scene, readonly id: string) {
    const font = FONT_STACKS[locale()];
    const style = (size: number, color: string): Phaser.Types.GameObjects.Text.TextStyle => ({ fontFamily: font, fontSize: `${size}px`, color, testString: METRICS });
    this.frame = scene.add.graphics();
    this.name = scene.add.text(8, 6, '', style(13, INK));
    this.status = scene.add.text(8, 0, '', style(11, MUTED));
    this.work = scene.add.text(8, 0, '', style(10, INK));
    this.bar = scene.add.graphics();
    this.zone = scene.add.zone(0, 0, 10, 10).setOrigin(0, 0).setInteractive({ useHandCursor: true });
    this.zone.on('pointerdown', () => bus.emit('asset:selected', { assetId: id, from: 'board' }));
    this.container = scene.add.container(0, 0, [this.frame, this.name, this.status, this.work, this.bar, this.zone]);
  }

  place(rect: Rect): void {
    this.rect = rect;
    this.container.setPosition(rect.x, rect.y);
    this.zone.setSize(rect.w, rect.h);
    this.key = '';
  }

  /** Redraw the box if what it shows changed; true when it did. */
  draw(view: DrillView, model: NodeModel, selected: boolean): boolean {
    const { w, h } = this.rect;
    const key = JSON.stringify([model.knowledge, model.flags, model.down, model.work?.workId ?? null, model.truth, selected, w, h]);
    this.model = model;
    if (key === this.key) return false;
    this.key = key;
    const small = w < 160;
    const inner = w - 16;
    this.frame.clear();
    if (selected) {
      this.frame.lineStyle(3, SELECTED, 1);
      this.frame.strokeRoundedRect(-4, -4, w + 8, h + 8, 10);
    }
    this.frame.fillStyle(model.flags.includes('destroyed') ? 0x241a1a : BOX_FILL, 1);
    this.frame.fillRoundedRect(0, 0, w, h, 8);
    this.frame.lineStyle(model.knowledge === 'unknown' ? 1.5 : 3, KNOWLEDGE_LINE[model.knowledge] ?? 0x5c6878, 1);
    this.frame.strokeRoundedRect(0, 0, w, h, 8);
    if (model.down) {
      // Out of service: a band along the top edge, with the word in the status line.
      this.frame.fillStyle(0x2f7de1, 1);
      this.frame.fillRect(8, 0, w - 16, 3);
    }
    if (model.truth) {
      // Facilitator overlay: a red corner marks what is really compromised.
      this.frame.fillStyle(0xd9463e, 1);
      this.frame.fillTriangle(w - 22, 0, w, 0, w, 22);
    }
    this.name.setFontSize(small ? 12 : 13).setWordWrapWidth(inner - (model.truth ? 14 : 0), true);
    fit(this.name, assetName(view, model.id), 2);
    const words = [t(`knowledge.${model.knowledge}`), ...model.flags.map((f) => t(`flag.${f}`))];
    this.status.setFontSize(small ? 10 : 11).setWordWrapWidth(inner, true).setColor(KNOWLEDGE_TEXT[model.knowledge] ?? MUTED);
    fit(this.status, words.join(' · '), 1);
    this.status.setY(6 + this.name.height + 2);
    this.work.setWordWrapWidth(inner, true).setY(h - 22);
    return true;
  }

  /** The running work's progress: who, time left, and a bar along the bottom edge; else, with the overlay on, the truth. */
  progress(now: number): void {
    const model = this.model;
    const work = model?.work;
    this.bar.clear();
    if (!work) {
      const truth = model?.truth ? t(model.truth.entry ? 'board.truthEntry' : 'board.truthCompromised', { since: gameClock(model.truth.since) }) : '';
      this.work.setColor(truth ? '#ff9b95' : INK);
      if (this.work.text !== truth) fit(this.work, truth, 1);
      return;
    }
    this.work.setColor(INK);
    const { w, h } = this.rect;
    const done = Math.max(0, Math.min(1, (now - work.startedAt) / Math.max(1, work.endsAt - work.startedAt)));
    this.bar.fillStyle(0x2a3442, 1).fillRect(8, h - 7, w - 16, 4);
    this.bar.fillStyle(SELECTED, 1).fillRect(8, h - 7, Math.max(2, (w - 16) * done), 4);
    const left = Math.max(0, work.endsAt - now);
    fit(this.work, t('board.working', { seat: seatName(work.seat), left: gameClock(left).slice(2) }), 1);
  }

  flash(): void {
    this.scene.tweens.add({ targets: this.container, alpha: { from: 1, to: 0.35 }, yoyo: true, repeat: 2, duration: 220 });
  }
}

export class SituationBoard extends Phaser.Scene {
  private readonly boxes = new Map<string, NodeBox>();
  private links!: Phaser.GameObjects.Graphics;
  private overlay!: Phaser.GameObjects.Container;
  private overlayText!: Phaser.GameObjects.Text;
  private overlayBack!: Phaser.GameObjects.Graphics;
  private layoutKey = '';
  private overlayKey = '';
  private described = '';
  private readonly destroyedBefore = new Set<string>();
  /** Whether the board has been drawn once: what was already so when it first drew does not flash. */
  private drawn = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly store: DrillStore, private readonly options: BoardOptions) {
    super('situation-board');
  }

  create(): void {
    this.links = this.add.graphics();
    this.overlayBack = this.add.graphics();
    this.overlayText = this.add.text(0, 0, '', { fontFamily: FONT_STACKS[locale()], fontSize: '22px', color: '#ffd479', fontStyle: 'bold', testString: METRICS, align: 'center' }).setOrigin(0.5);
    this.overlay = this.add.container(0, 0, [this.overlayBack, this.overlayText]).setDepth(10);
    this.cleanups.push(this.store.subscribe((s) => this.draw(s)));
    this.cleanups.push(bus.on('asset:selected', () => this.draw(this.store.state)));
    this.cleanups.push(bus.on('board:truth', () => this.draw(this.store.state)));
    this.scale.on('resize', () => {
      this.layoutKey = '';
      this.overlayKey = '';
      this.draw(this.store.state);
    });
    this.time.addEvent({ delay: PROGRESS_MS, loop: true, callback: () => this.tick() });
    this.events.once('shutdown', () => this.cleanups.forEach((fn) => fn()));
  }

  /** Only what moves with time: progress of running work. */
  private tick(): void {
    const now = this.store.gameTime();
    for (const box of this.boxes.values()) if (box.model?.work) box.progress(now);
  }

  private draw(s: StoreState): void {
    const view = s.view;
    if (!view) return;
    const { width, height } = this.scale;
    // A board with no room (the page has moved on to the report) draws nothing.
    if (width < 100 || height < 60) return;
    const assets = view.scenario.assets;
    const key = `${width}x${height}`;
    if (key !== this.layoutKey) {
      this.layoutKey = key;
      const rects = layout(assets, width, height);
      for (const a of assets) {
        let box = this.boxes.get(a.id);
        if (!box) this.boxes.set(a.id, (box = new NodeBox(this, a.id)));
        box.place(rects.get(a.id) ?? { x: 0, y: 0, w: 0, h: 0 });
      }
      this.drawLinks(view);
      bus.emit('board:layout', { nodes: [...this.boxes.values()].map((b) => ({ id: b.id, ...b.rect })) });
    }
    const now = this.store.gameTime();
    const truth = this.options.truthOverlay?.() ? (view.facilitator?.truth ?? null) : null;
    const selected = selectedAsset();
    for (const model of nodeModels(view, truth, now)) {
      const box = this.boxes.get(model.id);
      if (!box) continue;
      const redrawn = box.draw(view, model, model.id === selected);
      if (redrawn) box.progress(now);
      // The adversary is seen by what it does: a system that is suddenly gone flashes.
      if (model.flags.includes('destroyed') && !this.destroyedBefore.has(model.id)) {
        this.destroyedBefore.add(model.id);
        if (this.drawn && !this.options.reducedMotion()) box.flash();
      }
    }
    this.drawn = true;
    this.drawOverlay(view);
    this.describe(view, truth !== null);
  }

  private drawLinks(view: DrillView): void {
    this.links.clear();
    this.links.lineStyle(2, 0x3a4658, 1);
    for (const a of view.scenario.assets) {
      const p = this.boxes.get(a.id)?.rect;
      for (const l of a.links) {
        const q = this.boxes.get(l)?.rect;
        if (p && q) this.links.lineBetween(p.x + p.w / 2, p.y + p.h / 2, q.x + q.w / 2, q.y + q.h / 2);
      }
    }
  }

  /** Before the start, while paused and after the end, a band across the board says so. */
  private drawOverlay(view: DrillView): void {
    const { width, height } = this.scale;
    const text = view.lifecycle === 'paused' ? t('board.paused') : view.lifecycle === 'briefing' ? t('board.briefing') : view.lifecycle === 'ended' ? t('board.ended') : '';
    const key = `${text}|${width}x${height}`;
    if (key === this.overlayKey) return;
    this.overlayKey = key;
    this.overlay.setVisible(text !== '');
    if (!text) return;
    this.overlayBack.clear();
    this.overlayBack.fillStyle(0x0d1117, 0.55).fillRect(0, 0, width, height);
    this.overlayBack.fillStyle(0x2b2210, 0.95).fillRect(0, height / 2 - 26, width, 52);
    this.overlayText.setPosition(width / 2, height / 2).setWordWrapWidth(width - 24, true);
    fit(this.overlayText, text, 1);
  }

  /** The same facts in words, for screen readers (and for tests, which cannot read a canvas). */
  private describe(view: DrillView, withTruth: boolean): void {
    const lines = nodeModels(view, withTruth ? (view.facilitator?.truth ?? null) : null, this.store.gameTime()).map((m) => {
      const asset = view.scenario.assets.find((a) => a.id === m.id);
      const words = [t(`knowledge.${m.knowledge}`), ...m.flags.map((f) => t(`flag.${f}`))];
      if (m.work) words.push(t('board.workingOn', { seat: seatName(m.work.seat) }));
      if (m.truth) words.push(t(m.truth.entry ? 'board.truthEntry' : 'board.truthCompromised', { since: gameClock(m.truth.since) }));
      return `${asset ? loc(asset.name) : m.id} (${t(`criticality.${m.criticality}`)}): ${words.join(', ')}`;
    });
    const text = [t(`lifecycle.${view.lifecycle}`), ...lines].join('. ');
    if (text === this.described) return;
    this.described = text;
    bus.emit('board:described', { text, font: FONT_STACKS[locale()] });
  }
}
