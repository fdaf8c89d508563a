import Phaser from 'phaser';
import type { DrillStore } from '../store/drill-store.ts';
import { SituationBoard, type BoardOptions } from './scenes/SituationBoard.ts';

/** The Phaser game: config and scene list. Scenes render from the store; they hold no rules. */
export function startGame(parent: HTMLElement, store: DrillStore, options: BoardOptions): Phaser.Game {
  return new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    backgroundColor: '#0d1117',
    scale: { mode: Phaser.Scale.RESIZE, width: parent.clientWidth || 800, height: parent.clientHeight || 420 },
    scene: [new SituationBoard(store, options)],
    banner: false,
    // The board is drawn on demand; no audio from Phaser (the war room's own beeps honour the sound setting).
    audio: { noAudio: true },
  });
}
