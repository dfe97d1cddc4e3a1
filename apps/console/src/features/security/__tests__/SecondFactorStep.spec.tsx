import { describe, expect, it } from '@jest/globals';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeQueryClient } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { LoginScreen } from '../../auth/components/LoginScreen';
import { SessionProvider } from '../../auth/hooks/useSession';

function renderLogin() {
  render(
    <QueryClientProvider client={makeQueryClient()}>
      <SessionProvider>
        <LoginScreen />
      </SessionProvider>
    </QueryClientProvider>,
  );
}

async function passwordStep() {
  await userEvent.type(screen.getByLabelText('Email'), 'ana@example.com');
  await userEvent.type(screen.getByLabelText('Password'), 'right-password');
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('the code step of a sign-in', () => {
  it('asks for the code after the password, says why a code was refused, and goes back', async () => {
    mockApi([
      ['POST', /auth\/login$/, { status: 200, body: { twoFactorRequired: true, challenge: 'c'.repeat(43) } }],
      [
        'POST',
        /2fa\/verify$/,
        {
          status: 401,
          body: {
            statusCode: 401,
            error: 'Unauthorized',
            message: 'wrong code, or a code that was already used; wait for the next one',
          },
        },
      ],
    ]);
    renderLogin();
    await passwordStep();
    expect(await screen.findByRole('heading', { name: 'Enter your code' })).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Code'), '123456');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/already used/);
    await userEvent.click(screen.getByRole('button', { name: 'Back to sign-in' }));
    expect(screen.getByLabelText('Password')).toBeTruthy();
  });

  it('when the role requires a second factor, shows the key to scan before any session', async () => {
    mockApi([
      [
        'POST',
        /auth\/login$/,
        { status: 200, body: { twoFactorSetupRequired: true, challenge: 'c'.repeat(43) } },
      ],
      [
        'POST',
        /2fa\/enrol\/setup$/,
        {
          status: 200,
          body: {
            secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
            otpauthUrl:
              'otpauth://totp/Switchboard:ana%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
          },
        },
      ],
    ]);
    renderLogin();
    await passwordStep();
    expect(await screen.findByRole('heading', { name: 'Set up two-factor sign-in' })).toBeTruthy();
    expect((await screen.findByTestId('totp-secret')).textContent).toBe(
      'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
    );
    expect(screen.getByRole('button', { name: 'Turn on' })).toBeTruthy();
  });
});
