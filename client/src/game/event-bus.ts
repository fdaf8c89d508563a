/** Typed events between Phaser scenes and the HTML overlays. Scenes emit input; overlays turn it into commands. */
type Events = {
  'asset:selected': { assetId: string };
  /** What the board shows, in words: the text alternative of the canvas for screen readers. */
  'board:described': { text: string; font: string };
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
