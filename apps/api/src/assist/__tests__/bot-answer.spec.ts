import { botAnswerPrompt, parseBotAnswer } from '../bot-answer.js';

describe("an AI bot's answer", () => {
  it.each([
    [
      'plain JSON',
      '{"reply":"Within 5 days [2].","cited":[2],"handoff":false,"summary":"Asked about refunds."}',
      { reply: 'Within 5 days [2].', cited: [1], handoff: false, summary: 'Asked about refunds.' },
    ],
    [
      'JSON in a code fence after a sentence',
      'Here you go:\n```json\n{"reply":"See [1].","cited":[1],"handoff":false}\n```',
      { reply: 'See [1].', cited: [0], handoff: false, summary: null },
    ],
    [
      'citations only as markers, and one that is not on the list',
      '{"reply":"See [1] and [7].","handoff":false}',
      { reply: 'See [1] and [7].', cited: [0], handoff: false, summary: null },
    ],
    [
      'a handoff',
      '{"reply":"A colleague will help.","cited":[],"handoff":true,"summary":"Wants to pay in bitcoin."}',
      { reply: 'A colleague will help.', cited: [], handoff: true, summary: 'Wants to pay in bitcoin.' },
    ],
  ])('reads %s', (_, text, expected) => {
    expect(parseBotAnswer(text, 3)).toEqual(expected);
  });

  it('is a handoff when no article matched, whatever the model wrote: such an answer has no grounding', () => {
    expect(parseBotAnswer('{"reply":"Sure, we ship to Mars.","handoff":false}', 0)).toMatchObject({
      handoff: true,
    });
  });

  it.each([['no JSON at all'], ['{"reply": ""}'], ['{not json}']])('cannot be read from %s', (text) => {
    expect(parseBotAnswer(text, 2)).toBeNull();
  });

  it('gives the model the numbered articles, the conversation and the admin’s instructions', () => {
    const [system, user] = botAnswerPrompt(
      'Customer: how long do refunds take?',
      [{ title: 'Refunds', url: '/help/en/articles/refunds', text: 'Five days.' }],
      'We are Acme.',
    );
    expect(system.content).toContain('ONLY the numbered help articles');
    expect(system.content).toContain('Instructions from the business: We are Acme.');
    expect(user.content).toContain('[1] Refunds\nFive days.');
    expect(user.content).toContain('Customer: how long do refunds take?');
  });
});
