/**
 * The bytes a proof signs: the campaign, the Update's name and its whole argument (input and
 * origin, and the proof's key, time and nonce), as canonical JSON. So a proof cannot be moved to
 * another campaign, another Update, another gate, round or decision, or given another time.
 * Pure: the same on the client that signs and in the workflow that verifies.
 */

/** JSON with object keys sorted and undefined members left out, as JSON.stringify leaves them. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const members = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${members.join(',')}}`;
}

export const MESSAGE_VERSION = 'campaign-update/1';

export interface SignedUpdate {
  campaignId: string;
  /** The Update's name, e.g. `decide`. */
  update: string;
  /** The Update's argument with its proof, less the proof's signature. */
  arg: unknown;
}

/** What is signed, as UTF-8 bytes. */
export function signedMessage({ campaignId, update, arg }: SignedUpdate): Uint8Array {
  return utf8(canonicalJson({ v: MESSAGE_VERSION, campaignId, update, arg: withoutSignature(arg) }));
}

function withoutSignature(arg: unknown): unknown {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) return arg;
  const { proof, ...rest } = arg as Record<string, unknown>;
  if (typeof proof !== 'object' || proof === null) return rest;
  const { signature: _signature, ...unsigned } = proof as Record<string, unknown>;
  return { ...rest, proof: unsigned };
}

/** UTF-8 without TextEncoder, which the workflow sandbox need not offer. */
function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}
