import { describe, expect, it } from 'vitest';
import { newTrackingCode, normalizeTrackingCode, TRACKING_ALPHABET } from './tracking-code.ts';

describe('tracking codes', () => {
  it('look like QRG-XXXXX-XXXXX-C and read back as themselves', () => {
    for (let i = 0; i < 200; i++) {
      const code = newTrackingCode();
      expect(code).toMatch(/^QRG-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]$/);
      expect(normalizeTrackingCode(code)).toBe(code);
    }
  });

  it('forgive case, spaces, dashes, a missing prefix and I/L/O for 1/1/0', () => {
    const code = newTrackingCode(() => new Uint8Array([0, 1, 18, 21, 24, 5, 6, 7, 8, 9]));
    expect(code.slice(0, 16)).toBe('QRG-01JNR-56789-');
    const typed = code.toLowerCase().replace(/-/g, ' ').replace('qrg ', '').replace('1', 'l').replace('0', 'o');
    expect(normalizeTrackingCode(typed)).toBe(code);
    expect(normalizeTrackingCode(` ${code.replace(/-/g, '')} `)).toBe(code);
  });

  it('reject any single mistyped symbol and swaps of neighbours', () => {
    const code = newTrackingCode();
    const raw = code.replace(/^QRG-|-/g, '');
    let caught = 0;
    let tried = 0;
    for (let i = 0; i < raw.length; i++) {
      for (const ch of TRACKING_ALPHABET) {
        if (ch === raw[i]) continue;
        tried += 1;
        if (normalizeTrackingCode(raw.slice(0, i) + ch + raw.slice(i + 1)) === null) caught += 1;
      }
    }
    expect(caught).toBe(tried);
    for (let i = 0; i + 1 < raw.length; i++) {
      if (raw[i] === raw[i + 1]) continue;
      const swapped = raw.slice(0, i) + raw[i + 1] + raw[i] + raw.slice(i + 2);
      // Luhn mod N misses only the swap of the symbols worth 0 and N-1 (and its reverse)
      if (`${raw[i]}${raw[i + 1]}`.match(/^(0Z|Z0)$/)) continue;
      expect(normalizeTrackingCode(swapped), swapped).toBeNull();
    }
    expect(normalizeTrackingCode('QRG-12345')).toBeNull();
    expect(normalizeTrackingCode('QRG-UUUUU-UUUUU-U')).toBeNull();
    expect(normalizeTrackingCode('')).toBeNull();
  });
});
