import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN } from './support/api-server';
import { PHONE, screenshot, signIn } from './support/browser';
import { eventually, startEnvironment, type Environment } from './support/environment';

/**
 * Learning from a bad case in chromium against the real API: a ticket Ana solved is flagged;
 * Sue, a supervisor, opens the review queue and completes the review with a coaching note;
 * the lessons report counts it; Ana, on her phone, sees the note and acknowledges it.
 */
let env: Environment;
let sueContext: BrowserContext;
let anaContext: BrowserContext;
let sue: Page;
let ana: Page;
let adminToken = '';
let ticketId = '';
const SUE = { email: 'sue@e2e.local', password: 'sue-password-123', name: 'Sue Supervisor' };
const NOTE = 'Confirm with the customer that the logout is gone before you solve.';

beforeAll(async () => {
  env = await startEnvironment();
  adminToken = await env.rest.login(ADMIN.email, ADMIN.password);
  await env.rest.ok('POST', '/api/admin/users', {
    token: adminToken,
    body: {
      email: SUE.email,
      name: SUE.name,
      password: SUE.password,
      role: 'supervisor',
      teamIds: [env.seeded.support.id],
    },
  });
  ({ ticketId } = await env.rest.inbound(env.seeded.account, {
    handle: 'carla@example.com',
    name: 'Carla Customer',
    text: 'The app keeps logging me out',
    subject: 'Logged out again',
  }));
  await env.rest.ok('PATCH', `/api/tickets/${ticketId}`, {
    token: adminToken,
    body: { assigneeId: env.seeded.ana.id },
  });
  await env.rest.ok('PATCH', `/api/tickets/${ticketId}`, {
    token: env.seeded.ana.token,
    body: { status: 'solved' },
  });
  await env.rest.ok('POST', `/api/tickets/${ticketId}/review-flags`, {
    token: env.seeded.ben.token,
    body: { reason: 'Solved before the customer confirmed the fix' },
  });
  sueContext = await env.browser.context(env.api.url);
  sue = await sueContext.newPage();
  anaContext = await env.browser.context(env.api.url, PHONE);
  ana = await anaContext.newPage();
}, 120_000);

afterAll(async () => {
  await env?.stop();
}, 60_000);

describe('reviews in a browser', () => {
  it('a supervisor opens the review queue and completes a review', async () => {
    await signIn(sue, SUE.email, SUE.password);
    await sue.getByRole('link', { name: 'Reviews' }).click();
    await sue.getByRole('heading', { name: 'Review queue' }).waitFor();
    const card = sue.getByTestId('review-card').filter({ hasText: 'Logged out again' });
    await card.getByText('Solved before the customer confirmed the fix').waitFor();
    expect(await card.textContent()).toContain('Agent: Ana Agent');
    await card.getByRole('button', { name: 'Review' }).click();

    // Completing without a category says what is missing.
    await sue.getByRole('button', { name: 'Complete review' }).click();
    await sue.getByText('Choose at least one category.').waitFor();
    await sue.getByLabel('Wrong answer').check();
    await sue.getByLabel('Customer repeated themselves').check();
    await sue.getByLabel('What happened').fill('We solved it before the fix was confirmed.');
    await sue.getByLabel('What we would do better').fill('Ask for confirmation first.');
    await sue.getByLabel('Coaching note for the agent').fill(NOTE);
    await sue.getByLabel('Outcome').selectOption('coached');
    await screenshot(sue, 'review-form-desktop');
    await sue.getByRole('button', { name: 'Complete review' }).click();
    await sue.getByText('Nothing to review. Flagged tickets appear here.').waitFor();
    await sue.getByRole('button', { name: 'Completed' }).click();
    await sue
      .getByTestId('review-card')
      .filter({ hasText: 'Wrong answer · Customer repeated themselves' })
      .waitFor();

    const done = await env.rest.ok('GET', '/api/reviews?status=done', { token: adminToken });
    expect(done.items[0]).toMatchObject({
      ticketId,
      categories: ['wrong_answer', 'customer_repeated'],
      coachingNote: NOTE,
      outcome: 'coached',
    });
  });

  it('the supervisor opens the lessons report and sees the completed review counted, with its ticket', async () => {
    await sue.goto('/#/reviews');
    await sue.getByRole('link', { name: 'Lessons report' }).click();
    await sue.getByRole('heading', { name: 'Lessons from reviews' }).waitFor();
    const table = sue.getByRole('table', {
      name: `Reviews of ${env.seeded.support.name} by period and category`,
    });
    const wrong = table.getByRole('row', { name: /Wrong answer/ });
    await wrong.waitFor();
    expect(await wrong.getByRole('cell').nth(1).innerText()).toBe('1');
    const { number } = await env.rest.ok('GET', `/api/tickets/${ticketId}`, { token: adminToken });
    const link = wrong.getByRole('link', { name: `Open ticket #${number}` });
    expect(await link.getAttribute('href')).toBe(`#/tickets/${ticketId}`);
    expect(await table.getByRole('row', { name: /Customer repeated themselves/ }).innerText()).toContain(
      `#${number}`,
    );
    await screenshot(sue, 'lessons-report-desktop');
    await link.click();
    await sue.locator('.ticket-header').getByText('Logged out again').waitFor();
  });

  it('the agent sees the coaching note on her phone and acknowledges it', async () => {
    await signIn(ana, env.seeded.ana.email, env.seeded.ana.password);
    await ana.getByRole('link', { name: 'Coaching' }).click();
    const note = ana.getByTestId('coaching-note');
    await note.getByText(NOTE).waitFor();
    // An agent gets no review queue.
    expect(await ana.getByRole('heading', { name: 'Review queue' }).count()).toBe(0);
    await screenshot(ana, 'coaching-note-phone');
    await note.getByRole('button', { name: 'Acknowledge' }).click();
    await note.getByText(/^Acknowledged/).waitFor();
    await eventually('the acknowledgement stored', async () => {
      const notes = await env.rest.ok('GET', '/api/reviews/coaching', { token: env.seeded.ana.token });
      return notes.unacknowledged === 0;
    });
  });

  it('an agent flags a ticket for review from its header', async () => {
    await ana.goto(`/#/tickets/${ticketId}`);
    await ana.getByRole('button', { name: 'Flag for review' }).click();
    await ana
      .getByLabel('Why should this ticket be reviewed?')
      .fill('The customer wrote again about the same logout');
    await ana.getByRole('dialog').getByRole('button', { name: 'Flag for review' }).click();
    await ana.getByRole('button', { name: 'Flagged for review.' }).waitFor();
    const open = await env.rest.ok('GET', '/api/reviews?status=open', { token: adminToken });
    expect(open.items).toEqual([
      expect.objectContaining({
        ticketId,
        flags: [expect.objectContaining({ source: 'manual', createdBy: env.seeded.ana.id })],
      }),
    ]);
  });
});
