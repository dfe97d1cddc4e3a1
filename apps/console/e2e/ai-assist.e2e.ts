import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { FakeChatCompletions } from '../../api/src/test-support/fake-chat-completions';
import { ADMIN } from './support/api-server';
import { screenshot, signIn } from './support/browser';
import { startEnvironment, type Environment } from './support/environment';

/**
 * AI assist in the browser against a local OpenAI-compatible server: "Summarize" fills the
 * transfer note, which the agent edits and sends herself; "Suggest reply" puts a draft with the
 * cited article's link into the editor; while assist is off, neither button is shown.
 */
let env: Environment;
let provider: FakeChatCompletions;
let ana: Page;
let ticketId = '';
let admin = '';

const timeline = (page: Page) => page.getByRole('list', { name: 'Conversation' });
const composerText = (page: Page) => page.getByRole('region', { name: 'Composer' }).locator('textarea');

async function openTicket(page: Page, id: string) {
  await page.evaluate((target) => (window.location.hash = `/tickets/${target}`), id);
  await timeline(page).waitFor();
}

beforeAll(async () => {
  provider = await new FakeChatCompletions().start();
  env = await startEnvironment();
  ana = await (await env.browser.context(env.api.url)).newPage();
  admin = await env.rest.login(ADMIN.email, ADMIN.password);
  await env.rest.ok('POST', '/api/kb/articles', {
    token: admin,
    body: {
      title: 'Replacing a broken blender',
      body: 'A broken blender under warranty is replaced within five days.',
      locale: 'en',
      status: 'published',
    },
  });
  ticketId = (
    await env.rest.inbound(env.seeded.account, {
      handle: 'dora@example.com',
      name: 'Dora Diaz',
      text: 'My blender is broken after two weeks. Call me on +44 20 7946 0958.',
    })
  ).ticketId;
  await env.rest.ok('PATCH', `/api/tickets/${ticketId}`, {
    token: admin,
    body: { assigneeId: env.seeded.ana.id },
  });
}, 180_000);

afterAll(async () => {
  await env?.stop();
  await provider?.stop();
}, 60_000);

describe('AI assist in the console', () => {
  it('shows no assist buttons while assist is off', async () => {
    await signIn(ana, env.seeded.ana.email, env.seeded.ana.password);
    await openTicket(ana, ticketId);
    await ana.getByRole('button', { name: 'Send reply' }).waitFor();
    expect(await ana.getByRole('button', { name: 'Suggest reply' }).count()).toBe(0);
    await ana.getByRole('button', { name: 'Transfer…' }).click();
    const dialog = ana.getByRole('dialog');
    await dialog.getByLabel('What does the customer want?').waitFor();
    expect(await dialog.getByRole('button', { name: 'Summarize' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(provider.requests).toHaveLength(0);
  });

  it('fills the transfer note from a summary; nothing is transferred until Ana edits and sends it', async () => {
    await env.rest.ok('PUT', '/api/admin/assist-settings', {
      token: admin,
      body: { enabled: true, baseUrl: provider.baseUrl, model: 'local-model', maskPersonalData: true },
    });
    provider.script = () => ({
      content: [
        'The customer wants: a replacement for a blender that broke after two weeks',
        'What was tried: nothing yet',
        'What comes next: check the warranty and call [customer] back',
      ].join('\n'),
    });
    await ana.reload();
    await openTicket(ana, ticketId);
    await ana.getByRole('button', { name: 'Transfer…' }).click();
    const dialog = ana.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Summarize' }).click();
    const wants = dialog.getByLabel('What does the customer want?');
    await dialog.getByText('Filled in from the conversation').waitFor();
    expect(await wants.inputValue()).toBe('a replacement for a blender that broke after two weeks');
    expect(await dialog.getByLabel('What comes next?').inputValue()).toBe(
      'check the warranty and call Dora Diaz back',
    );
    await screenshot(ana, 'ai-assist-summary');
    // The provider read the conversation without the customer's name or number.
    expect(provider.lastPrompt()).toContain('blender is broken');
    expect(provider.lastPrompt()).not.toContain('Dora');
    expect(provider.lastPrompt()).not.toContain('7946');
    // Nothing was transferred by summarizing.
    expect(
      await timeline(ana)
        .getByText(/transferred the ticket/)
        .count(),
    ).toBe(0);

    await dialog.getByLabel('What was tried?').fill('Checked the order: delivered two weeks ago');
    await dialog.getByLabel('Agent', { exact: true }).selectOption({ label: 'Ben Colleague' });
    await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await timeline(ana).getByText('Ana Agent transferred the ticket to Ben Colleague').waitFor();
  });

  it('puts a suggested reply with the cited article into the editor, unsent', async () => {
    const ben = await (await env.browser.context(env.api.url)).newPage();
    await signIn(ben, env.seeded.ben.email, env.seeded.ben.password);
    await openTicket(ben, ticketId);
    provider.script = () => ({
      content: 'Hello [customer], a broken blender under warranty is replaced within five days [1].',
    });
    await ben.getByRole('button', { name: 'Suggest reply' }).click();
    const editor = composerText(ben);
    await ben.waitForFunction(
      (el) => (el as HTMLTextAreaElement | null)?.value.includes('[1] Replacing a broken blender: '),
      await editor.elementHandle(),
    );
    const text = await editor.inputValue();
    expect(text).toMatch(
      /^Hello Dora Diaz, a broken blender under warranty is replaced within five days \[1\]\./,
    );
    expect(text).toMatch(
      /\[1\] Replacing a broken blender: http:\/\/127\.0\.0\.1:\d+\/help\/en\/articles\/replacing-a-broken-blender$/,
    );
    await screenshot(ben, 'ai-assist-suggested-reply');
    expect(await timeline(ben).getByText('a broken blender under warranty').count()).toBe(0);
  });
});
