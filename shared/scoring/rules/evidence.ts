import type { ActionRecord, ScoringContext } from '../context.ts';
import { minutes } from '../context.ts';
import type { Observation, Rule } from '../types.ts';

/* Evidence preservation: chain of custody for every compromised system. */

const obs = (at: number, events: number[], message: string): Observation => ({ at, events, message });
const onCompromised = (ctx: ScoringContext, a: ActionRecord) => a.target !== undefined && ctx.compromised.includes(a.target);
/** Evidence that survives the host: memory captures, and disk images shipped off the host (an on-host copy dies with it). */
const capturedBefore = (ctx: ScoringContext, target: string, kind: 'captures-disk' | 'captures-memory', seq: number) =>
  ctx.actions.some((a) => a.target === target && a.def.evidence === kind && (kind === 'captures-memory' || a.def.sets.imageSecured) && a.seq < seq);

export const EVIDENCE_RULES: Rule[] = [
  {
    id: 'EVD-1',
    category: 'evidence',
    title: 'Image a compromised disk before it is destroyed',
    points: 4,
    ref: { source: 'sectemplates', section: 'step-11' },
    evaluate(ctx) {
      const destroyed = ctx.actions.filter((a) => a.def.evidence === 'destroys-disk' && onCompromised(ctx, a));
      const violations = destroyed
        .filter((a) => !capturedBefore(ctx, a.target ?? '', 'captures-disk', a.seq))
        .map((a) => obs(a.at, [a.seq], `${a.target} was destroyed ("${a.def.title.en}") at ${minutes(a.at)} with no disk image taken first.`));
      const fb = ctx.fallback;
      if (fb && fb.kind !== 'dump' && ctx.compromised.includes(fb.target) && !capturedBefore(ctx, fb.target, 'captures-disk', fb.seq)) {
        violations.push(obs(fb.at, [fb.seq], `The attacker wiped ${fb.target} at ${minutes(fb.at)} before its disk was imaged: that evidence is lost.`));
      }
      if (destroyed.length === 0 && violations.length === 0) return null;
      return { violations, pass: obs(destroyed[0]?.at ?? 0, destroyed.map((a) => a.seq), 'Every compromised disk was imaged before it was destroyed.') };
    },
  },
  {
    id: 'EVD-2',
    category: 'evidence',
    title: 'Capture memory before a reboot or shutdown',
    points: 3,
    ref: { source: 'pd-ooda', section: 'observe-active' },
    evaluate(ctx) {
      const losing = ctx.actions.filter((a) => (a.def.evidence === 'loses-memory' || a.def.evidence === 'destroys-disk') && onCompromised(ctx, a));
      if (losing.length === 0) return null;
      const firstPerTarget = new Map<string, ActionRecord>();
      for (const a of losing) if (!firstPerTarget.has(a.target ?? '')) firstPerTarget.set(a.target ?? '', a);
      const violations = [...firstPerTarget.values()]
        .filter((a) => !capturedBefore(ctx, a.target ?? '', 'captures-memory', a.seq))
        .map((a) => obs(a.at, [a.seq], `${a.target}'s memory was lost ("${a.def.title.en}" at ${minutes(a.at)}) before it was captured.`));
      return { violations, pass: obs(losing[0]?.at ?? 0, losing.map((a) => a.seq), 'Memory was captured before any compromised host was rebooted or shut down.') };
    },
  },
  {
    id: 'EVD-3',
    category: 'evidence',
    title: 'Image every compromised system',
    points: 3,
    ref: { source: 'pd', section: 'isolate-instances' },
    evaluate(ctx) {
      if (ctx.compromised.length === 0) return null;
      const imaged = (id: string) => ctx.actions.find((a) => a.target === id && a.def.evidence === 'captures-disk' && a.def.sets.imageSecured);
      const missing = ctx.compromised.filter((id) => !imaged(id));
      const done = ctx.compromised.filter((id) => imaged(id));
      return {
        violations: missing.map((id) => obs(ctx.end.at, [], `${id} was compromised but its disk was never imaged to off-host storage.`)),
        pass: obs(imaged(done[0] ?? '')?.at ?? 0, done.map((id) => imaged(id)?.seq ?? 0), `Disk images were taken of every compromised system (${done.join(', ')}).`),
      };
    },
  },
  {
    id: 'EVD-4',
    category: 'evidence',
    title: 'Keep disk images read-only and off the host',
    points: 2,
    ref: { source: 'pd', section: 'isolate-instances' },
    evaluate(ctx) {
      const images = ctx.actions.filter((a) => a.def.evidence === 'captures-disk');
      if (images.length === 0) return null;
      return {
        violations: images
          .filter((a) => !a.def.sets.imageSecured)
          .map((a) => obs(a.at, [a.seq], `The image of ${a.target} at ${minutes(a.at)} was left writable on the host itself, where it can be tampered with.`)),
        pass: obs(images[0]?.at ?? 0, images.map((a) => a.seq), 'Every disk image was read-only and shipped to off-site cold storage.'),
      };
    },
  },
  {
    id: 'EVD-5',
    category: 'evidence',
    title: 'Never clean a compromised host in place',
    points: 2,
    ref: { source: 'sectemplates', section: 'step-11' },
    evaluate(ctx) {
      if (ctx.compromised.length === 0) return null;
      return {
        violations: ctx.actions
          .filter((a) => a.def.id === 'clean-host' && onCompromised(ctx, a))
          .map((a) => obs(a.at, [a.seq], `${a.target} was cleaned in place at ${minutes(a.at)}; deploy a known-clean instance instead.`)),
        pass: obs(ctx.end.at, [], 'No compromised host was cleaned in place.'),
      };
    },
  },
  {
    id: 'EVD-6',
    category: 'evidence',
    title: 'Restore only from a backup validated as clean',
    points: 1,
    ref: { source: 'pd-ooda', section: 'act' },
    evaluate(ctx) {
      const restores = ctx.actions.filter((a) => a.def.id === 'restore-from-backup');
      if (restores.length === 0) return null;
      return {
        violations: restores
          .filter((r) => !ctx.actions.some((a) => a.def.id === 'validate-backup' && a.target === r.target && a.seq < r.seq))
          .map((r) => obs(r.at, [r.seq], `${r.target} was restored at ${minutes(r.at)} from a backup nobody had validated.`)),
        pass: obs(restores[0]?.at ?? 0, restores.map((r) => r.seq), 'Restores used backups validated as clean.'),
      };
    },
  },
];
