import { Decoder, Encoder, type Packet } from 'socket.io-parser';

/*
 * socket.io's parser with a text-only encoder. The stock encoder walks every outgoing payload
 * looking for binary attachments before it serialises it; nothing this server sends holds binary
 * (the protocol is JSON throughout, PROTOCOL.md), so the walk is skipped and each packet is written
 * as the text frame of socket.io's protocol: its type, its namespace unless the main one, its ack
 * id, then its data as JSON. Those are the stock encoder's frames, byte for byte (WIRE8), so clients
 * keep the stock parser. Incoming packets are decoded by the stock decoder.
 */

export class TextOnlyEncoder extends Encoder {
  override encode(packet: Packet): string[] {
    let frame = String(packet.type);
    if (packet.nsp && packet.nsp !== '/') frame += `${packet.nsp},`;
    if (packet.id != null) frame += packet.id;
    if (packet.data != null) frame += JSON.stringify(packet.data);
    return [frame];
  }
}

export const textOnlyParser = { Encoder: TextOnlyEncoder, Decoder };
