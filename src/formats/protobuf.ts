/**
 * Just enough of Protocol Buffers' wire format to read the few settings Anki keeps in protobuf
 * blobs in current collections (note type kind, template formats, deck descriptions). Unknown
 * fields are skipped; malformed input throws.
 */

export type ProtoValue = number | Uint8Array;

/** A message's fields: field number → every value seen (varints as numbers, length-delimited as bytes). */
export type ProtoMessage = Map<number, ProtoValue[]>;

export class ProtobufError extends Error {
  override name = 'ProtobufError';
}

/** Decode one message. Throws ProtobufError when the bytes are not a well-formed message. */
export function decodeProto(bytes: Uint8Array): ProtoMessage {
  const out: ProtoMessage = new Map();
  let i = 0;
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    for (let n = 0; n < 10; n++) {
      if (i >= bytes.length) throw new ProtobufError('truncated varint');
      const b = bytes[i++] as number;
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
    }
    throw new ProtobufError('varint too long');
  };
  while (i < bytes.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 0) throw new ProtobufError('field number 0');
    let value: ProtoValue;
    switch (wire) {
      case 0:
        value = varint();
        break;
      case 1:
        if (i + 8 > bytes.length) throw new ProtobufError('truncated fixed64');
        value = bytes.subarray(i, i + 8);
        i += 8;
        break;
      case 2: {
        const len = varint();
        if (i + len > bytes.length) throw new ProtobufError('truncated bytes');
        value = bytes.subarray(i, i + len);
        i += len;
        break;
      }
      case 5:
        if (i + 4 > bytes.length) throw new ProtobufError('truncated fixed32');
        value = bytes.subarray(i, i + 4);
        i += 4;
        break;
      default:
        throw new ProtobufError(`unsupported wire type ${wire}`);
    }
    const list = out.get(field);
    if (list) list.push(value);
    else out.set(field, [value]);
  }
  return out;
}

/** The last varint of a field (proto3 semantics), or `fallback`. */
export function protoNumber(m: ProtoMessage, field: number, fallback = 0): number {
  const v = m.get(field)?.at(-1);
  return typeof v === 'number' ? v : fallback;
}

/** The last length-delimited value of a field as UTF-8 text, or ''. */
export function protoString(m: ProtoMessage, field: number): string {
  const v = m.get(field)?.at(-1);
  return v instanceof Uint8Array ? new TextDecoder().decode(v) : '';
}

/** The last length-delimited value of a field as a nested message (empty when absent). */
export function protoMessage(m: ProtoMessage, field: number): ProtoMessage {
  const v = m.get(field)?.at(-1);
  return v instanceof Uint8Array ? decodeProto(v) : new Map();
}

/** Encode a message of varint and length-delimited fields (test fixtures build Anki blobs with it). */
export function encodeProto(fields: readonly [number, number | string | Uint8Array][]): Uint8Array {
  const bytes: number[] = [];
  const varint = (n: number) => {
    let v = n;
    while (v >= 0x80) {
      bytes.push((v % 128) | 0x80);
      v = Math.floor(v / 128);
    }
    bytes.push(v);
  };
  for (const [field, value] of fields) {
    if (typeof value === 'number') {
      varint(field * 8);
      varint(value);
    } else {
      const data = typeof value === 'string' ? new TextEncoder().encode(value) : value;
      varint(field * 8 + 2);
      varint(data.length);
      for (const b of data) bytes.push(b);
    }
  }
  return Uint8Array.from(bytes);
}
