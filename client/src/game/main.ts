import Phaser from 'phaser';
import type { DrillStore } from '../store/drill-store.ts';
import { SituationBoard } from './scenes/SituationBoard.ts';

/** The Phaser game: config and scene list. Scenes render from the store; they hold no rules. */
export function startGame(parent: HTMLElement, store: DrillStore, reducedMotion: () => boolean): Phaser.Game {
  return new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    backgroundColor: '#0d1117',
    scale: { mode: Phaser.Scale.RESIZE, width: parent.clientWidth || 800, height: parent.clientHeight || 480 },
    scene: [new SituationBoard(store, reducedMotion)],
    banner: false,
  });
}
