import { createHash, randomBytes } from 'node:crypto';

/** 192 random bits, URL-safe. Only its SHA-256 is stored. */
export const newToken = (): string => randomBytes(24).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
/** A seat token: the drill's id, a dot, then the secret (see shared/protocol drillOfToken). */
export const newSeatToken = (drillId: string): string => `${drillId}.${newToken()}`;
export const newDrillId = (): string => randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').toLowerCase();
