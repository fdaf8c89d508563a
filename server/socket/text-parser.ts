import { Decoder, Encoder, type Packet } from 'socket.io-parser';

/*
 * socket.io's parser with a text-only encoder. The stock encoder walks every outgoing payload
 * looking for binary attachments before it serialises it; nothing this server sends holds binary
 * (the protocol is JSON throughout, PROTOCOL.md), so the walk is skipped and each packet is encoded
 * as the text frame the stock encoder would have made of it. Clients keep the stock parser: the
 * frames are the same. Incoming packets are decoded by the stock decoder.
 */

/** The stock encoder's string form, private in its typings (WIRE8 checks it is the stock frame). */
type StringEncoder = { encodeAsString(packet: Packet): string };

export class TextOnlyEncoder extends Encoder {
  override encode(packet: Packet): string[] {
    return [(this as unknown as StringEncoder).encodeAsString(packet)];
  }
}

export const textOnlyParser = { Encoder: TextOnlyEncoder, Decoder };
