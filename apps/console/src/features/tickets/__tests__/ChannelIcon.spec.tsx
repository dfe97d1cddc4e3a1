import { describe, expect, it } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import { ChannelIcon } from '../components/ChannelIcon';

describe('channel badge', () => {
  it.each([
    ['web_chat', 'Web chat', 'Chat'],
    ['twilio_sms', 'SMS', 'SMS'],
    ['twilio_whatsapp', 'WhatsApp', 'WA'],
    ['api', 'API', 'API'],
  ])('shows %s as "%s" with the badge %s', (kind, name, badge) => {
    render(<ChannelIcon channel={kind} />);
    const icon = screen.getByRole('img', { name });
    expect(icon.textContent).toBe(badge);
  });
});
