/**
 * SHA-1 of UTF-8 text, for Anki's note checksums and the GUIDs of exported notes. Not for security:
 * Anki uses SHA-1 as a fingerprint, and so do we.
 */
import { createHash } from 'node:crypto';

/** The 20-byte SHA-1 digest of `text` encoded as UTF-8. */
export function sha1(text: string): Uint8Array {
  return new Uint8Array(createHash('sha1').update(text, 'utf8').digest());
}

/** The SHA-1 digest of `text` as 40 lower-case hex digits. */
export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}
