import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import axe from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';
import { startOidcTestProvider, type OidcTestProvider } from '../../api/src/test-support/oidc-test-provider';
import { ADMIN } from './support/api-server';
import { screenshot, signIn } from './support/browser';
import { startEnvironment, type Environment } from './support/environment';

/**
 * Single sign-on in Chromium against the real API and a real OpenID Connect provider on a local
 * port: the admin sets the provider up in Admin → SSO, a person who has no account yet signs in
 * with "Sign in with Acme" at the provider and lands in the console as a supervisor of Support,
 * as the provider's groups and department say; someone from another domain is told why not.
 */
let env: Environment;
let idp: OidcTestProvider;
let adminContext: BrowserContext;
let personContext: BrowserContext;

beforeAll(async () => {
  env = await startEnvironment();
  idp = await startOidcTestProvider({ redirectUris: [`${env.api.url}/api/auth/oidc/callback`] });
  idp.addAccount({
    sub: 'acme-lead-7',
    email: 'dana@acme.example',
    name: 'Dana Lead',
    groups: ['everyone', 'helpdesk-leads'],
    department: 'Support',
  });
  idp.addAccount({ sub: 'outsider-1', email: 'eve@elsewhere.example', name: 'Eve' });
  adminContext = await env.browser.context(env.api.url);
  personContext = await env.browser.context(env.api.url);
}, 180_000);

afterAll(async () => {
  await adminContext?.close();
  await personContext?.close();
  await idp?.close();
  await env?.stop();
}, 60_000);

/** axe's serious and critical findings, at desktop and phone size; and whether the page scrolls sideways. */
async function accessibilityProblems(
  page: Page,
  where: string,
  ready: () => Promise<unknown>,
): Promise<string[]> {
  const found: string[] = [];
  for (const { width, height } of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize({ width, height });
    await ready();
    // Through the devtools protocol, so the console's CSP (no inline script) stays on.
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
    const result = await page.evaluate(() =>
      (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }),
    );
    for (const v of result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))
      for (const node of v.nodes) found.push([where, width, v.id, node.target.join(' ')].join(' '));
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scrollWidth > width) found.push([where, width, 'scrolls sideways to', scrollWidth].join(' '));
  }
  await page.setViewportSize({ width: 1366, height: 800 });
  return found;
}

async function addMapping(page: Page, button: string, value: string, target: string, n: number) {
  await page.getByRole('button', { name: button }).click();
  await page.getByLabel(['Claim value', n].join(' '), { exact: true }).last().fill(value);
  await page
    .getByLabel(new RegExp(`for value ${n}$`))
    .last()
    .selectOption({ label: target });
}

describe('single sign-on with OpenID Connect in the console', () => {
  it('an admin sets up the provider in Admin → SSO', async () => {
    const page = await adminContext.newPage();
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/#/admin/sso');
    const form = page.getByRole('form', { name: 'Single sign-on (OpenID Connect)' });
    await form.waitFor();
    await expect(form.getByRole('textbox', { name: 'Callback URL' }).inputValue()).resolves.toBe(
      `${env.api.url}/api/auth/oidc/callback`,
    );
    await form.getByLabel('Issuer URL').fill(idp.issuer);
    await form.getByLabel('Client ID').fill(idp.clientId);
    await form.getByLabel('Client secret').fill(idp.clientSecret);
    await form.getByLabel('Scopes').fill('openid email profile groups');
    await form.getByLabel('Button text').fill('Sign in with Acme');
    await form.getByLabel('Allowed email domains').fill('acme.example');
    await form.getByLabel('Role claim').fill('groups');
    await addMapping(page, 'Add a role mapping', 'helpdesk-leads', 'Supervisor', 1);
    await form.getByLabel('Team claim').fill('department');
    await addMapping(page, 'Add a team mapping', 'Support', env.seeded.support.name, 1);
    await form.getByRole('button', { name: 'Save SSO settings' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    // The stored secret is not sent back to the form; the field says one is kept.
    await expect(form.getByLabel('Client secret').inputValue()).resolves.toBe('');
    await form.getByText('A secret is stored (encrypted).').waitFor();
    await screenshot(page, 'sso-admin');
  });

  it('a new person signs in at the provider and lands in the console with the mapped role and team', async () => {
    const page = await personContext.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: 'Sign in with Acme' }).click();
    // The provider's own login page.
    await page.waitForURL(new RegExp(`^${idp.issuer}/interaction/`));
    await page.getByLabel('Work email').fill('dana@acme.example');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('navigation', { name: 'Queues' }).waitFor();
    // The one-time hand-off is gone from the address.
    expect(new URL(page.url()).search).toBe('');
    await screenshot(page, 'sso-signed-in');

    const admin = await env.rest.login(ADMIN.email, ADMIN.password);
    const people = await env.rest.ok<{ items: { email: string; role: string; teamIds: string[] }[] }>(
      'GET',
      '/api/admin/users',
      { token: admin },
    );
    expect(people.items.find((p) => p.email === 'dana@acme.example')).toMatchObject({
      role: 'supervisor',
      teamIds: [env.seeded.support.id],
    });
    // A reload keeps the session, as after a password login.
    await page.reload();
    await page.getByRole('navigation', { name: 'Queues' }).waitFor();
  });

  it('someone from a domain that is not allowed is told why on the login screen', async () => {
    const context = await env.browser.context(env.api.url);
    try {
      const page = await context.newPage();
      await page.goto('/');
      await page.getByRole('link', { name: 'Sign in with Acme' }).click();
      await page.getByLabel('Work email').fill('eve@elsewhere.example');
      await page.getByRole('button', { name: 'Continue' }).click();
      const alert = page.getByTestId('sso-error');
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toBe(
        'Sign-in with SSO was refused: addresses at elsewhere.example may not sign in here; ask an admin which accounts may sign in',
      );
      await page.getByLabel('Password').waitFor();
    } finally {
      await context.close();
    }
  });

  it('the login screen with SSO and Admin → SSO pass axe and fit a phone', async () => {
    const context = await env.browser.context(env.api.url);
    try {
      const login = await context.newPage();
      await login.goto('/?ssoError=addresses%20at%20elsewhere.example%20may%20not%20sign%20in%20here');
      const found = await accessibilityProblems(login, 'login with SSO', () =>
        login.getByRole('link', { name: 'Sign in with Acme' }).waitFor(),
      );
      const admin = await adminContext.newPage();
      await admin.goto('/#/admin/sso');
      const form = admin.getByRole('form', { name: 'Single sign-on (OpenID Connect)' });
      found.push(
        ...(await accessibilityProblems(admin, 'admin sso', () => form.getByLabel('Issuer URL').waitFor())),
      );
      expect(found).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
