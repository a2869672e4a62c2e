// Tracking codes of the public form: `QRG-XXXXX-XXXXX-C`. Ten random symbols (50 bits) from
// Crockford's base-32 alphabet — no I, L, O or U, so a code read aloud or copied by hand is not
// confused — and a check symbol (Luhn mod 32) that catches any single mistyped symbol and most
// swaps of two neighbours. Reading a code back forgives case, spaces, dashes, and I/L/O typed
// for 1/1/0.

export const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const N = TRACKING_ALPHABET.length; // 32
const BODY = 10;
const PREFIX = 'QRG';

function checkSymbol(body: string): string {
  // Luhn mod N, computed from the rightmost symbol
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const code = TRACKING_ALPHABET.indexOf(body.charAt(i));
    let addend = factor * code;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return TRACKING_ALPHABET.charAt((N - (sum % N)) % N);
}

function format(body: string): string {
  return `${PREFIX}-${body.slice(0, 5)}-${body.slice(5, 10)}-${checkSymbol(body)}`;
}

/** A new random tracking code. `random` fills bytes (defaults to the platform's CSPRNG). */
export function newTrackingCode(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => globalThis.crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(BODY));
  let body = '';
  // 256 is a multiple of 32: the low five bits of a uniform byte are uniform
  for (const b of bytes) body += TRACKING_ALPHABET.charAt(b & 31);
  return format(body);
}

/** The canonical form of a code as typed by a person, or null if it is not a valid code. */
export function normalizeTrackingCode(input: string): string | null {
  let s = input.toUpperCase().replace(/[\s\-_.–—]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length === PREFIX.length + BODY + 1 && s.startsWith(PREFIX.replace(/O/g, '0'))) s = s.slice(PREFIX.length);
  if (s.length !== BODY + 1) return null;
  for (const ch of s) if (!TRACKING_ALPHABET.includes(ch)) return null;
  const body = s.slice(0, BODY);
  if (checkSymbol(body) !== s.charAt(BODY)) return null;
  return format(body);
}
