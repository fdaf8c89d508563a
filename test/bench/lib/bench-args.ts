/**
 * `npm run bench [name…] [-- flags]`: the names come first; everything from the first flag on is
 * passed to each benchmark, values included. (`load --rooms 1000`: "1000" is the value of --rooms,
 * not the name of a benchmark.)
 */
export function splitBenchArgs(args: readonly string[]): { names: string[]; flags: string[] } {
  const firstFlag = args.findIndex((a) => a.startsWith('-'));
  return firstFlag === -1 ? { names: [...args], flags: [] } : { names: args.slice(0, firstFlag), flags: args.slice(firstFlag) };
}
