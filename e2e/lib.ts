// Shared by the browser tests: the browser, the server's address, the UI catalogues, sign-in.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const LOCALES = ['kk', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const root = path.resolve(import.meta.dirname, '..');
export const screenshotDir = path.join(root, 'docs/screenshots');

export function baseUrl(): string {
  const url = process.env.QORGAU_E2E_URL;
  if (!url) throw new Error('QORGAU_E2E_URL is not set: run the browser tests with `npm test -w @qorgau/e2e`');
  return url.replace(/\/+$/, '');
}

export function adminPassword(): string {
  const password = process.env.QORGAU_ADMIN_PASSWORD;
  if (!password) throw new Error('QORGAU_ADMIN_PASSWORD is not set');
  return password;
}

/** The password of every demo user (README). */
export const DEMO_PASSWORD = 'Qorgau-Demo-2026';

type Catalog = { [key: string]: string | Catalog };

/** The web app's own catalogues, so that the tests follow the wording instead of copying it. */
export function catalog(locale: Locale): Catalog {
  const file = path.join(root, 'packages/web/src/i18n', `${locale}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Catalog;
}

export function label(locale: Locale, key: string): string {
  let node: string | Catalog | undefined = catalog(locale);
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no string ${key} in the ${locale} catalogue`);
  return node;
}

/** Debian's chromium; never a downloaded browser. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.QORGAU_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export type Session = { context: BrowserContext; page: Page; pageErrors: string[] };

/** A fresh browser profile (no cookies, no stored language) at a laptop size. */
export async function newSession(browser: Browser, opts: { locale?: string } = {}): Promise<Session> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: opts.locale ?? 'kk-KZ',
    baseURL: baseUrl(),
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  // uncaught exceptions in the app fail the test; failed requests (e.g. 401 before sign-in) do not
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { context, page, pageErrors };
}

export async function waitForHtmlLang(page: Page, locale: Locale): Promise<void> {
  await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
}

/** Waits until the element with this test id shows exactly this text. */
export async function waitForText(page: Page, testId: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([id, expected]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() === expected,
    [testId, text] as const,
  );
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor({ state: 'visible' });
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.getByTestId('login-username').waitFor({ state: 'visible' });
}

export async function switchLanguage(page: Page, locale: Locale): Promise<void> {
  await page.getByTestId('lang-switch').click();
  await page.getByTestId(`lang-option-${locale}`).click();
  await waitForHtmlLang(page, locale);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  // let fonts and transitions settle so that the pictures are stable
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(screenshotDir, name), fullPage: false });
}

/**
 * Visible texts that look like an i18n key (`section.key`), which is what i18next shows for a
 * string missing from the catalogue. Only for screens without user data (usernames such as
 * `school.almaty` have the same shape).
 */
export async function untranslatedKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (!parent || !/^[a-z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)+$/.test(text)) continue;
      if (parent.checkVisibility()) found.push(text);
    }
    return found;
  });
}

/** A bearer token for a demo user, for tests that prepare data through the API. */
export async function apiLogin(username: string, password: string = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`${username} could not sign in: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}
