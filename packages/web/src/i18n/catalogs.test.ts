import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../api.ts';
import { AUDIT_ACTIONS } from '../audit/actions.ts';
import en from './en.json' with { type: 'json' };
import kk from './kk.json' with { type: 'json' };
import ru from './ru.json' with { type: 'json' };

type Catalog = Record<string, unknown>;
const catalogs: Record<string, Catalog> = { kk, ru, en };
const SRC = fileURLToPath(new URL('..', import.meta.url));

/** `{a: {b: 'x'}}` → `{'a.b': 'x'}`; non-string leaves are kept so the test can reject them. */
function flatten(node: Catalog, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [k, v] of flatten(value as Catalog, path)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.(ts|tsx)$/.test(name)) files.push(path);
  }
  return files;
}

/** Literal keys in `t('…')`, `i18n.t("…")` and `i18nKey="…"`; template literals with `${}` are dynamic and skipped. */
function usedKeys(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  const patterns = [/\bt\(\s*(['"`])([^'"`$\n]+)\1/g, /\bi18nKey=\s*(['"])([^'"\n]+)\1/g];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const key = match[2]!;
        used.set(key, [...(used.get(key) ?? []), relative(SRC, file)]);
      }
    }
  }
  return used;
}

const flat = Object.fromEntries(Object.entries(catalogs).map(([lang, c]) => [lang, flatten(c)]));
const allKeys = new Set(Object.values(flat).flatMap((m) => [...m.keys()]));

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]!).sort();
}

describe('translation catalogues', () => {
  it.each(Object.keys(catalogs))('%s has every key that any catalogue has', (lang) => {
    const missing = [...allKeys].filter((key) => !flat[lang]!.has(key));
    expect(missing, `missing in ${lang}.json`).toEqual([]);
  });

  it.each(Object.keys(catalogs))('%s has no empty or non-text values', (lang) => {
    const bad = [...flat[lang]!].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key]) => key);
    expect(bad, `empty values in ${lang}.json`).toEqual([]);
  });

  it('uses the same {{placeholders}} in every language', () => {
    const bad: string[] = [];
    for (const key of flat.en!.keys()) {
      const text = (lang: string) => {
        const value = flat[lang]!.get(key);
        return typeof value === 'string' ? value : '';
      };
      const expected = placeholders(text('en'));
      for (const lang of Object.keys(catalogs)) {
        const got = placeholders(text(lang));
        if (got.join() !== expected.join()) bad.push(`${lang}:${key}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('contains every t() key used in the sources', () => {
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter(([key]) => !allKeys.has(key)).map(([key, files]) => `${key} (${files.join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('translates every error code the server sends', () => {
    const missing = ERROR_CODES.filter((code) => !allKeys.has(`errors.${code}`));
    expect(missing).toEqual([]);
  });

  it('names every audit action', () => {
    const missing = AUDIT_ACTIONS.filter((action) => !allKeys.has(`auditAction.${action}`));
    expect(missing).toEqual([]);
  });

  it('writes Kazakh with Kazakh letters, not Russian look-alikes', () => {
    const text = [...flat.kk!.values()].join(' ');
    for (const letter of ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і']) expect(text).toContain(letter);
    // Latin look-alikes (ə, ı) are a common slip when Kazakh is typed on another layout
    expect(text).not.toMatch(/[əı]/);
  });
});
