import type { DrillView } from '../../../shared/engine/view-types.ts';
import { loc } from '../i18n/index.ts';

/**
 * A system as people call it, in the reader's language: "app-1" → "Checkout app server (app-1)".
 * Events and tasks carry only the asset id (a protocol identifier); the view carries the scenario's
 * assets with their localized names. An id the scenario does not name is shown as it is, so an
 * unexpected target is still visible rather than blank.
 */
export function assetName(view: Pick<DrillView, 'scenario'> | null | undefined, id: string): string {
  const asset = view?.scenario.assets.find((a) => a.id === id);
  return asset ? loc(asset.name) : id;
}
