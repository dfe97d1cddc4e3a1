import { ApiInboundBody, HoldBody, PatchTicketBody, TransferBody } from '../schemas.js';

describe('request schemas name the field that is wrong', () => {
  it('a hold without a note is refused on the note field', () => {
    const r = HoldBody.safeParse({ note: '   ' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['note']);
  });

  it('a transfer needs a target and a note', () => {
    expect(TransferBody.safeParse({ note: 'customer wants a refund' }).success).toBe(false);
    expect(
      TransferBody.safeParse({ toTeamId: '5b0f1c1e-8d5a-4a57-9f5e-2d3c4b5a6978', note: 'x' }).success,
    ).toBe(true);
  });

  it('unknown fields are rejected, not ignored (no mass assignment)', () => {
    const r = PatchTicketBody.safeParse({ status: 'open', number: 1 });
    expect(r.success).toBe(false);
  });

  it('an inbound message needs an externalId and a sender handle', () => {
    const r = ApiInboundBody.safeParse({ from: {}, text: 'hi' });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['externalId', 'from.handle']));
  });
});
