import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actionCatalog, CATALOG_END, CATALOG_START, PROTOCOL_MD, withCatalog } from '../../server/tools/protocol-docs.ts';
import { ERROR_CODES } from '../../shared/engine/types.ts';
import { CLIENT_ERROR, CLIENT_EVENTS, ERROR, SERVER_EVENTS } from '../../shared/protocol/index.ts';
import { ACTIONS } from '../../shared/runbook/actions.ts';

/* PROTOCOL.md is enough to write a client from: it names everything the code can send or answer. */

const doc = readFileSync(PROTOCOL_MD, 'utf8');
const named = (name: string) => doc.includes(`\`${name}\``);

describe('DOC1: PROTOCOL.md follows the code', () => {
  it('DOC1 every socket event, in both directions, is named in PROTOCOL.md', () => {
    expect([...CLIENT_EVENTS, ...SERVER_EVENTS].filter((e) => !named(e))).toEqual([]);
  });

  it('DOC1 every error code, the protocol\'s, the engine\'s and the client\'s own, is named in PROTOCOL.md', () => {
    const codes = [...Object.values(ERROR), ...ERROR_CODES, ...Object.values(CLIENT_ERROR)];
    expect(codes.filter((code) => !named(code))).toEqual([]);
  });

  it('DOC1 every action of the catalog is in PROTOCOL.md, and its catalog section is what `npm run docs:protocol` writes', () => {
    const section = doc.slice(doc.indexOf(CATALOG_START), doc.indexOf(CATALOG_END));
    expect(ACTIONS.map((a) => a.id).filter((id) => !section.includes(`| \`${id}\` |`))).toEqual([]);
    expect(withCatalog(doc), 'PROTOCOL.md\'s action catalog is out of date: run npm run docs:protocol').toBe(doc);
  });

  it('DOC1 the generated catalog says how long each action takes, who may take it, who should, and whether it takes a target', () => {
    const row = actionCatalog().split('\n').find((l) => l.startsWith('| `capture-memory` |'));
    expect(row).toBe('| `capture-memory` | Capture live memory | 15 | `ic`, `deputy`, `sme` | `sme` | an asset id | once per asset | 10 `forensics` | observe |');
  });
});
