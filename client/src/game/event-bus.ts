/** Typed events between Phaser scenes and the HTML overlays. Scenes emit input; overlays turn it into commands. */
type Events = {
  /** A system was picked, on the board or in the list of systems; null clears the choice. */
  'asset:selected': { assetId: string | null; from: 'board' | 'list' | 'panel' };
  /** What the board shows, in words: the text alternative of the canvas for screen readers. */
  'board:described': { text: string; font: string };
  /** Where each system's box is on the board's canvas (CSS pixels), for tests and the keyboard list. */
  'board:layout': { nodes: { id: string; x: number; y: number; w: number; h: number }[] };
  /** The facilitator turned the truth overlay on or off. */
  'board:truth': { on: boolean };
  /** A lead chose to hand a piece of work to someone: the assign form is filled in with it. */
  'task:prefill': { action: string; target?: string };
};
type Handler<K extends keyof Events> = (payload: Events[K]) => void;

const handlers = new Map<keyof Events, Set<Handler<keyof Events>>>();

export const bus = {
  on<K extends keyof Events>(event: K, fn: Handler<K>): () => void {
    const set = handlers.get(event) ?? new Set();
    set.add(fn as Handler<keyof Events>);
    handlers.set(event, set);
    return () => set.delete(fn as Handler<keyof Events>);
  },
  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const fn of handlers.get(event) ?? []) (fn as Handler<K>)(payload);
  },
};

/** The system picked last, wherever it was picked. */
let selected: string | null = null;
bus.on('asset:selected', ({ assetId }) => (selected = assetId));
export const selectedAsset = (): string | null => selected;
