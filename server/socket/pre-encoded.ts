/*
 * A payload already written as JSON (the scoring thread words and serialises each live score): the
 * text encoder puts it into the frame as it is (text-parser.ts) instead of serialising it again on
 * the main thread. Anywhere else it serialises as the value it stands for.
 */
export class PreEncoded {
  constructor(readonly json: string) {}

  toJSON(): unknown {
    return JSON.parse(this.json);
  }
}
