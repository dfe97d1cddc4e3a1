import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { MailUser } from '../../api/src/test-support/dovecot';
import { mail } from '../../api/src/test-support/email-harness';
import { ADMIN } from './support/api-server';
import { PHONE, screenshot, signIn, takeCspViolations } from './support/browser';
import { eventually, startMailEnvironment, type MailEnvironment } from './support/environment';

/**
 * CSAT by email in the browser: the customer opens the link from the survey mail on a phone,
 * the hosted page shows the score they tapped pre-selected (and records nothing yet), they add a
 * comment and send it; the rating appears live on the agent's open ticket, in the header and on
 * the timeline, attributed to the agent who solved it; on the customer's contact page, and in the
 * supervisor dashboard's CSAT trend, whose point for today moves.
 */
const MAILBOX: MailUser = { user: 'care@survey-e2e.test', password: 'care-pw' };

let env: MailEnvironment;
let ana: Page;
let customer: Page;

beforeAll(async () => {
  env = await startMailEnvironment([MAILBOX]);
  ana = await (await env.browser.context(env.api.url)).newPage();
  customer = await (await env.browser.context(env.api.url, PHONE)).newPage();
}, 180_000);

afterAll(async () => {
  await env?.stop();
}, 60_000);

describe('a customer rates on the hosted survey page', () => {
  it('the score shows up live on the ticket for the agent who solved it', async () => {
    const admin = await env.rest.login(ADMIN.email, ADMIN.password);
    await env.rest.ok('PUT', '/api/admin/survey-settings', {
      token: admin,
      body: {
        csat: { enabled: true, delaySeconds: 0 },
        ces: { enabled: false },
        nps: { enabled: false, minDaysBetween: 90, afterSolvedTickets: 3 },
      },
    });
    await env.connectMailbox('Care', MAILBOX);
    await env.dovecot.append(
      MAILBOX,
      mail({
        from: 'Rita Customer <rita@customer.test>',
        to: MAILBOX.user,
        subject: 'Heater broken',
        text: 'It stopped heating.',
        messageId: '<rita-1@customer.test>',
      }),
    );
    const row = await eventually(
      'the customer mail stored',
      async () =>
        (
          await env.db.query<{ ticket_id: string }>(
            `SELECT ticket_id FROM messages WHERE external_id = '<rita-1@customer.test>'`,
          )
        ).rows[0],
      60_000,
    );
    const anaToken = await env.rest.login(env.seeded.ana.email, env.seeded.ana.password);
    await env.rest.ok('PATCH', `/api/tickets/${row.ticket_id}`, {
      token: admin,
      body: { assigneeId: env.seeded.ana.id },
    });

    await signIn(ana, env.seeded.ana.email, env.seeded.ana.password);
    await ana.evaluate((id) => (window.location.hash = `/tickets/${id}`), row.ticket_id);
    const header = ana.locator('.ticket-header');
    await header.waitFor();
    await env.rest.ok('PATCH', `/api/tickets/${row.ticket_id}`, {
      token: anaToken,
      body: { status: 'solved' },
    });

    const survey = await eventually(
      'the survey mail',
      async () =>
        env.sink.received.find(
          (m) => m.to.includes('rita@customer.test') && /\/s\//.test(m.parsed.text ?? ''),
        ),
      60_000,
    );
    const link = /(http\S+\/s\/[A-Za-z0-9_-]+\?score=2)/.exec(survey.parsed.text ?? '')![1];

    // Before the customer answers: Ana has Rita's contact page open, a supervisor the dashboard.
    const ticket = await env.rest.ok('GET', `/api/tickets/${row.ticket_id}`, { token: anaToken });
    const contactPage = await (await env.browser.context(env.api.url)).newPage();
    await signIn(contactPage, env.seeded.ana.email, env.seeded.ana.password);
    await contactPage.evaluate((id) => (window.location.hash = `/contacts/${id}`), ticket.contact.id);
    await contactPage.getByRole('heading', { name: 'Rita Customer' }).waitFor();
    expect(await contactPage.getByRole('region', { name: 'Satisfaction' }).count()).toBe(0);
    const dashboard = await (await env.browser.context(env.api.url)).newPage();
    await signIn(dashboard, ADMIN.email, ADMIN.password);
    await dashboard.evaluate(() => (window.location.hash = '/supervisor'));
    const csatToday = dashboard.getByTestId('trend-csat').getByTestId('trend-today').locator('td');
    // Today's point: satisfied share and answers.
    await eventually('an empty CSAT point for today', async () =>
      (await csatToday.allTextContents()).join('|') === '–|0' ? true : undefined,
    );

    await customer.goto(link);
    await customer.getByRole('radio', { name: '2' }).waitFor();
    expect(await customer.getByRole('radio', { name: '2' }).isChecked()).toBe(true);
    expect(
      (await env.db.query(`SELECT 1 FROM survey_responses WHERE ticket_id = $1`, [row.ticket_id])).rows,
    ).toEqual([]);
    expect(await customer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await customer.getByLabel(/Anything you would like to add/).fill('still broken');
    await customer.getByRole('button', { name: 'Send my rating' }).click();
    await customer.getByText('Thank you for your feedback!').waitFor();
    await screenshot(customer, 'survey-hosted-page-phone');

    const badge = header.getByText(/Rated 2\/5: still broken/);
    await badge.waitFor();
    expect(await badge.innerText()).toMatch(/Rated 2\/5: still broken · for Ana/);
    const answer = ana
      .getByRole('list', { name: 'Conversation' })
      .getByRole('article', { name: /^Survey answer from/ });
    await answer.waitFor();
    expect(await answer.innerText()).toMatch(/rated the conversation 2\/5 in Email/);
    expect(await answer.innerText()).toContain('still broken');
    await screenshot(ana, 'survey-rated-live');

    const satisfaction = contactPage.getByRole('region', { name: 'Satisfaction' });
    await satisfaction.getByText('still broken').waitFor();
    expect(await satisfaction.innerText()).toMatch(/#\d+ CSAT 2\s+still broken.*for Ana Agent/s);
    await satisfaction.scrollIntoViewIfNeeded();
    await screenshot(contactPage, 'contact-page-rated-live');
    // 2/5 is not satisfied: today's point drops to 0 % of one answer.
    await eventually('today’s CSAT point moved', async () =>
      (await csatToday.allTextContents()).join('|') === '0 %|1' ? true : undefined,
    );
    expect(await dashboard.getByTestId('trend-csat').getByRole('img').getAttribute('aria-label')).toMatch(
      /Today: Satisfied 0 %/,
    );
    await dashboard.getByTestId('trend-csat').scrollIntoViewIfNeeded();
    await screenshot(dashboard, 'supervisor-trends-live');
    expect(takeCspViolations()).toEqual([]);
  });
});
