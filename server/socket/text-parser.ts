import { Decoder, Encoder, type Packet } from 'socket.io-parser';
import { PreEncoded } from './pre-encoded.ts';

/*
 * socket.io's parser with a text-only encoder. The stock encoder walks every outgoing payload
 * looking for binary attachments before it serialises it; nothing this server sends holds binary
 * (the protocol is JSON throughout, PROTOCOL.md), so the walk is skipped and each packet is encoded
 * as the text frame the stock encoder would have made of it. Clients keep the stock parser: the
 * frames are the same. An argument already written as JSON (PreEncoded: the live score) is put in
 * the frame as it is. Incoming packets are decoded by the stock decoder.
 */

/** The stock encoder's string form, private in its typings (WIRE8 checks it is the stock frame). */
type StringEncoder = { encodeAsString(packet: Packet): string };

export class TextOnlyEncoder extends Encoder {
  override encode(packet: Packet): string[] {
    const data: unknown = packet.data;
    if (Array.isArray(data) && data.at(-1) instanceof PreEncoded) return [spliced(packet, data)];
    return [(this as unknown as StringEncoder).encodeAsString(packet)];
  }
}

export const textOnlyParser = { Encoder: TextOnlyEncoder, Decoder };

/** The stock frame (type, namespace unless the main one, ack id, JSON), with pre-encoded arguments as their text. */
function spliced(packet: Packet, data: readonly unknown[]): string {
  let frame = String(packet.type);
  if (packet.nsp && packet.nsp !== '/') frame += `${packet.nsp},`;
  if (packet.id != null) frame += String(packet.id);
  return `${frame}[${data.map((value) => (value instanceof PreEncoded ? value.json : (JSON.stringify(value) ?? 'null'))).join(',')}]`;
}
