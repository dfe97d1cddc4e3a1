import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = resolve(here, '../artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Content-Security-Policy violations any page reported since the last `takeCspViolations()`. */
const cspViolations: string[] = [];

/** Hands over (and forgets) the violations seen so far; the e2e setup fails a test that caused any. */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/**
 * Debian's chromium, headless. `chromium.launch` starts it on a fresh temporary user-data dir
 * (removed on close), and each agent gets its own context: its own storage, so its own session.
 */
export class TestBrowser {
  private constructor(private readonly browser: Browser) {}

  static async launch(): Promise<TestBrowser> {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      timeout: 60_000,
    });
    mkdirSync(ARTIFACTS, { recursive: true });
    return new TestBrowser(browser);
  }

  /** A context at 1366×800 unless `device` says otherwise (a phone: `{ viewport, isMobile, hasTouch }`). */
  async context(
    baseURL: string,
    device: { viewport: { width: number; height: number }; isMobile?: boolean; hasTouch?: boolean } = {
      viewport: { width: 1366, height: 800 },
    },
  ): Promise<BrowserContext> {
    const context = await this.browser.newContext({ baseURL, ...device });
    context.setDefaultTimeout(20_000);
    // The console must work under its strict CSP: whatever the policy blocks is a bug, so every
    // violation is collected, from the DOM event and from Chromium's own "Refused to ..." message.
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(
          `CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline code'} at ${e.sourceFile || e.documentURI}:${e.lineNumber}`,
        );
      });
    });
    context.on('console', (message) => {
      const text = message.text();
      if (/^Refused to |Content Security Policy|^CSP violation/.test(text))
        cspViolations.push(`${message.location().url}: ${text}`);
    });
    return context;
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** Signs in through the login screen, the way an agent does. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByRole('navigation', { name: 'Queues' }).waitFor();
}
