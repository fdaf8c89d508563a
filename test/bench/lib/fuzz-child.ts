import { fuzz } from './fuzz.ts';

/*
 * The fuzzer in a process of its own, so its busy send loop does not delay the legitimate client
 * whose latency the fuzz run measures. Parameters arrive over IPC; progress and totals go back.
 */

process.once('message', (msg: { url: string; tokens: string[]; frames: number; connections: number; seed: string; rate: number }) => {
  void fuzz(msg.url, msg.tokens, msg.frames, msg.connections, msg.seed, (sent) => process.send?.({ type: 'progress', sent }), msg.rate).then((stats) => {
    process.send?.({ type: 'done', stats }, () => process.exit(0));
  });
});
