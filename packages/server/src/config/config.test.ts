import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has the defaults of API.md', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, databaseUrl: undefined, demo: false });
    expect(c.dataDir).toMatch(/data$/);
  });

  it('reads the variables of API.md', () => {
    const c = loadConfig({ PORT: '9000', DATABASE_URL: 'postgres://u@localhost:5432/q', QORGAU_DEMO: '1', QORGAU_DATA_DIR: '/tmp/q', QORGAU_ADMIN_PASSWORD: 'long-enough-1' });
    expect(c).toMatchObject({ port: 9000, databaseUrl: 'postgres://u@localhost:5432/q', demo: true, dataDir: '/tmp/q', adminPassword: 'long-enough-1' });
  });

  it('names every bad value', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', QORGAU_DEMO: 'yes', QORGAU_ADMIN_PASSWORD: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'DATABASE_URL', 'QORGAU_DEMO', 'QORGAU_ADMIN_PASSWORD']) expect(message).toContain(name);
  });

  it('reads the mail settings', () => {
    expect(loadConfig({})).toMatchObject({ smtpUrl: undefined, mailFrom: 'Qorgau <no-reply@qorgau.local>', publicUrl: 'http://localhost:8080' });
    const c = loadConfig({ QORGAU_SMTP_URL: 'smtp://127.0.0.1:2525', QORGAU_MAIL_FROM: 'Qorgau <q@example.kz>', QORGAU_PUBLIC_URL: 'https://qorgau.example.kz/' });
    expect(c).toMatchObject({ smtpUrl: 'smtp://127.0.0.1:2525', mailFrom: 'Qorgau <q@example.kz>', publicUrl: 'https://qorgau.example.kz' });
    expect(loadConfig({ QORGAU_SMTP_URL: '' }).smtpUrl).toBeUndefined();
    expect(() => loadConfig({ QORGAU_SMTP_URL: 'http://x', QORGAU_PUBLIC_URL: 'qorgau.kz' })).toThrow(/QORGAU_SMTP_URL[\s\S]*QORGAU_PUBLIC_URL/);
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });
});
