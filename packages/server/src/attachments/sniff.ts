// What a file is, decided by its content (magic bytes, the zip's [Content_Types].xml, UTF-8
// validity) — never by its name or the type the client declared. The name's extension must then
// agree with the content.
import fs from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';

type Kind = { mimeType: string; label: string; extensions: readonly string[] };

/** Accepted kinds, keyed by file-type's `ext` (plus `txt` for our own text check). */
const ACCEPTED: Record<string, Kind> = {
  pdf: { mimeType: 'application/pdf', label: 'PDF document', extensions: ['pdf'] },
  jpg: { mimeType: 'image/jpeg', label: 'JPEG image', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'] },
  png: { mimeType: 'image/png', label: 'PNG image', extensions: ['png'] },
  webp: { mimeType: 'image/webp', label: 'WebP image', extensions: ['webp'] },
  heic: { mimeType: 'image/heic', label: 'HEIC/HEIF image', extensions: ['heic', 'heif'] },
  docx: { mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word document (DOCX)', extensions: ['docx'] },
  xlsx: { mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel workbook (XLSX)', extensions: ['xlsx'] },
  mp3: { mimeType: 'audio/mpeg', label: 'MP3 audio', extensions: ['mp3'] },
  m4a: { mimeType: 'audio/mp4', label: 'M4A audio', extensions: ['m4a'] },
  ogg: { mimeType: 'audio/ogg', label: 'Ogg audio', extensions: ['ogg', 'oga', 'opus'] },
  oga: { mimeType: 'audio/ogg', label: 'Ogg audio', extensions: ['ogg', 'oga', 'opus'] },
  opus: { mimeType: 'audio/ogg', label: 'Ogg Opus audio', extensions: ['opus', 'ogg', 'oga'] },
  txt: { mimeType: 'text/plain', label: 'plain text', extensions: ['txt', 'text', 'log', 'csv', 'md'] },
};

export const ACCEPTED_SUMMARY = 'PDF, JPEG, PNG, WebP, HEIC, DOCX, XLSX, plain text (UTF-8), MP3, M4A, OGG';

export type Sniffed =
  | { ok: true; mimeType: string; label: string; extensions: readonly string[] }
  | { ok: false; detected: string };

/** Markup in a text file is refused: a browser would run it if it ever rendered the file. */
function markupKind(head: string): string | null {
  const s = head.replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase();
  if (/^<!doctype\s+html|^<html[\s>]|^<head[\s>]|^<body[\s>]|^<script[\s>]|^<iframe[\s>]/.test(s)) return 'HTML document';
  if (/^<svg[\s>]/.test(s) || (s.startsWith('<?xml') && s.includes('<svg'))) return 'SVG image';
  if (s.startsWith('<?xml')) return 'XML document';
  if (/<script[\s>]/.test(s)) return 'HTML document';
  return null;
}

async function sniffText(file: string): Promise<Sniffed> {
  const bytes = await fs.readFile(file);
  if (bytes.includes(0)) return { ok: false, detected: 'unrecognised binary data' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, detected: 'text that is not valid UTF-8, or unrecognised binary data' };
  }
  const markup = markupKind(text);
  if (markup) return { ok: false, detected: markup };
  const kind = ACCEPTED.txt as Kind;
  return { ok: true, mimeType: kind.mimeType, label: kind.label, extensions: kind.extensions };
}

export async function sniffFile(file: string): Promise<Sniffed> {
  const found = await fileTypeFromFile(file);
  if (!found) return sniffText(file);
  const kind = ACCEPTED[found.ext];
  if (!kind) return { ok: false, detected: `${found.mime} (.${found.ext})` };
  return { ok: true, mimeType: kind.mimeType, label: kind.label, extensions: kind.extensions };
}

/** The lower-case extension of a file name, or null if it has none. */
export function extensionOf(name: string): string | null {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m?.[1] ? m[1].toLowerCase() : null;
}
