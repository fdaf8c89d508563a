import type { ActionRecord, ScoringContext } from '../context.ts';
import { minutes } from '../context.ts';
import { pick, t, type RuleText } from '../text.ts';
import type { Observation, Rule } from '../types.ts';

/* Evidence preservation: chain of custody for every compromised system. */

const obs = (at: number, events: number[], message: RuleText): Observation => ({ at, events, message });
const onCompromised = (ctx: ScoringContext, a: ActionRecord) => a.target !== undefined && ctx.compromised.includes(a.target);
/** Evidence that survives the host: memory captures, and disk images shipped off the host (an on-host copy dies with it). */
const capturedBefore = (ctx: ScoringContext, target: string, kind: 'captures-disk' | 'captures-memory', seq: number) =>
  ctx.actions.some((a) => a.target === target && a.def.evidence === kind && (kind === 'captures-memory' || a.def.sets.imageSecured) && a.seq < seq);

export const EVIDENCE_RULES: Rule[] = [
  {
    id: 'EVD-1',
    category: 'evidence',
    title: t('Image a compromised disk before it is destroyed', '侵害されたディスクは破棄する前にイメージを取る', '失陷磁盘在销毁前先做镜像'),
    points: 4,
    ref: { source: 'sectemplates', section: 'step-11' },
    evaluate(ctx) {
      const destroyed = ctx.actions.filter((a) => a.def.evidence === 'destroys-disk' && onCompromised(ctx, a));
      const violations = destroyed
        .filter((a) => !capturedBefore(ctx, a.target ?? '', 'captures-disk', a.seq))
        .map((a) => obs(a.at, [a.seq], t(
          `${a.target} was destroyed ("${a.def.title.en}") at ${minutes(a.at)} with no disk image taken first.`,
          `${a.target} は ${minutes(a.at)} に破棄された（「${pick(a.def.title, 'ja')}」）が、その前にディスクイメージが取られていなかった。`,
          `${a.target} 在 ${minutes(a.at)} 被销毁（“${pick(a.def.title, 'zh-CN')}”），此前没有制作磁盘镜像。`,
        )));
      const fb = ctx.fallback;
      if (fb && fb.kind !== 'dump' && ctx.compromised.includes(fb.target) && !capturedBefore(ctx, fb.target, 'captures-disk', fb.seq)) {
        violations.push(obs(fb.at, [fb.seq], t(
          `The attacker wiped ${fb.target} at ${minutes(fb.at)} before its disk was imaged: that evidence is lost.`,
          `ディスクイメージを取る前の ${minutes(fb.at)} に、攻撃者が ${fb.target} を消去した。その証拠は失われた。`,
          `在制作磁盘镜像之前，攻击者于 ${minutes(fb.at)} 擦除了 ${fb.target}：这部分证据已丢失。`,
        )));
      }
      if (destroyed.length === 0 && violations.length === 0) return null;
      return { violations, pass: obs(destroyed[0]?.at ?? 0, destroyed.map((a) => a.seq), t('Every compromised disk was imaged before it was destroyed.', '侵害されたディスクはすべて、破棄の前にイメージが取られた。', '所有失陷磁盘在销毁前都做了镜像。')) };
    },
  },
  {
    id: 'EVD-2',
    category: 'evidence',
    title: t('Capture memory before a reboot or shutdown', '再起動や停止の前にメモリを取得する', '重启或关机前先采集内存'),
    points: 3,
    ref: { source: 'pd-ooda', section: 'observe-active' },
    evaluate(ctx) {
      const losing = ctx.actions.filter((a) => (a.def.evidence === 'loses-memory' || a.def.evidence === 'destroys-disk') && onCompromised(ctx, a));
      if (losing.length === 0) return null;
      const firstPerTarget = new Map<string, ActionRecord>();
      for (const a of losing) if (!firstPerTarget.has(a.target ?? '')) firstPerTarget.set(a.target ?? '', a);
      const violations = [...firstPerTarget.values()]
        .filter((a) => !capturedBefore(ctx, a.target ?? '', 'captures-memory', a.seq))
        .map((a) => obs(a.at, [a.seq], t(
          `${a.target}'s memory was lost ("${a.def.title.en}" at ${minutes(a.at)}) before it was captured.`,
          `${a.target} のメモリは取得される前に失われた（${minutes(a.at)} の「${pick(a.def.title, 'ja')}」）。`,
          `${a.target} 的内存在采集之前就丢失了（${minutes(a.at)} 的“${pick(a.def.title, 'zh-CN')}”）。`,
        )));
      return { violations, pass: obs(losing[0]?.at ?? 0, losing.map((a) => a.seq), t('Memory was captured before any compromised host was rebooted or shut down.', '侵害されたホストを再起動・停止する前にメモリが取得された。', '在任何失陷主机重启或关机之前都采集了内存。')) };
    },
  },
  {
    id: 'EVD-3',
    category: 'evidence',
    title: t('Image every compromised system', '侵害されたすべてのシステムのイメージを取る', '为每个失陷系统制作镜像'),
    points: 3,
    ref: { source: 'pd', section: 'isolate-instances' },
    evaluate(ctx) {
      if (ctx.compromised.length === 0) return null;
      const imaged = (id: string) => ctx.actions.find((a) => a.target === id && a.def.evidence === 'captures-disk' && a.def.sets.imageSecured);
      const missing = ctx.compromised.filter((id) => !imaged(id));
      const done = ctx.compromised.filter((id) => imaged(id));
      return {
        violations: missing.map((id) => obs(ctx.end.at, [], t(
          `${id} was compromised but its disk was never imaged to off-host storage.`,
          `${id} は侵害されていたが、ディスクがホスト外のストレージにイメージ化されることはなかった。`,
          `${id} 已失陷，但其磁盘始终没有镜像到主机以外的存储。`,
        ))),
        pass: obs(imaged(done[0] ?? '')?.at ?? 0, done.map((id) => imaged(id)?.seq ?? 0), t(
          `Disk images were taken of every compromised system (${done.join(', ')}).`,
          `侵害されたすべてのシステム（${done.join('、')}）のディスクイメージが取られた。`,
          `所有失陷系统（${done.join('、')}）都制作了磁盘镜像。`,
        )),
      };
    },
  },
  {
    id: 'EVD-4',
    category: 'evidence',
    title: t('Keep disk images read-only and off the host', 'ディスクイメージは読み取り専用でホスト外に保管する', '磁盘镜像保持只读并存放在主机之外'),
    points: 2,
    ref: { source: 'pd', section: 'isolate-instances' },
    evaluate(ctx) {
      const images = ctx.actions.filter((a) => a.def.evidence === 'captures-disk');
      if (images.length === 0) return null;
      return {
        violations: images
          .filter((a) => !a.def.sets.imageSecured)
          .map((a) => obs(a.at, [a.seq], t(
            `The image of ${a.target} at ${minutes(a.at)} was left writable on the host itself, where it can be tampered with.`,
            `${minutes(a.at)} に取った ${a.target} のイメージは、改ざんされうるホスト自身の上に書き込み可能なまま置かれた。`,
            `${minutes(a.at)} 制作的 ${a.target} 镜像以可写状态留在了主机本身，可能被篡改。`,
          ))),
        pass: obs(images[0]?.at ?? 0, images.map((a) => a.seq), t('Every disk image was read-only and shipped to off-site cold storage.', 'ディスクイメージはすべて読み取り専用で、外部のコールドストレージへ送られた。', '所有磁盘镜像均为只读，并已送往异地冷存储。')),
      };
    },
  },
  {
    id: 'EVD-5',
    category: 'evidence',
    title: t('Never clean a compromised host in place', '侵害されたホストをその場で駆除しない', '切勿就地清理失陷主机'),
    points: 2,
    ref: { source: 'sectemplates', section: 'step-11' },
    evaluate(ctx) {
      if (ctx.compromised.length === 0) return null;
      return {
        violations: ctx.actions
          .filter((a) => a.def.id === 'clean-host' && onCompromised(ctx, a))
          .map((a) => obs(a.at, [a.seq], t(
            `${a.target} was cleaned in place at ${minutes(a.at)}; deploy a known-clean instance instead.`,
            `${a.target} は ${minutes(a.at)} にその場で駆除された。代わりにクリーンと分かっているインスタンスを展開すべきだった。`,
            `${a.target} 在 ${minutes(a.at)} 被就地清理；应改为部署一个确认干净的实例。`,
          ))),
        pass: obs(ctx.end.at, [], t('No compromised host was cleaned in place.', '侵害されたホストがその場で駆除されることはなかった。', '没有任何失陷主机被就地清理。')),
      };
    },
  },
  {
    id: 'EVD-6',
    category: 'evidence',
    title: t('Restore only from a backup validated as clean', 'クリーンと確認したバックアップからのみ復元する', '只从验证为干净的备份恢复'),
    points: 1,
    ref: { source: 'pd-ooda', section: 'act' },
    evaluate(ctx) {
      const restores = ctx.actions.filter((a) => a.def.id === 'restore-from-backup');
      if (restores.length === 0) return null;
      return {
        violations: restores
          .filter((r) => !ctx.actions.some((a) => a.def.id === 'validate-backup' && a.target === r.target && a.seq < r.seq))
          .map((r) => obs(r.at, [r.seq], t(
            `${r.target} was restored at ${minutes(r.at)} from a backup nobody had validated.`,
            `${r.target} は ${minutes(r.at)} に、誰も検証していないバックアップから復元された。`,
            `${r.target} 在 ${minutes(r.at)} 从一个无人验证过的备份中恢复。`,
          ))),
        pass: obs(restores[0]?.at ?? 0, restores.map((r) => r.seq), t('Restores used backups validated as clean.', '復元にはクリーンと確認されたバックアップが使われた。', '恢复使用的是验证为干净的备份。')),
      };
    },
  },
];
