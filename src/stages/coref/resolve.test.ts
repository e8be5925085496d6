/** In-document coreference: which mentions end up on one entity, and which stay apart. */
import { describe, expect, it } from 'vitest';
import { runUntil } from '../../../test/helpers/run-stages.js';

const entities = (text: string): Map<string, string[]> => {
  const a = runUntil('coref.rules', text);
  return new Map(a.entities.map((e) => [e.name, e.aliases]));
};

describe('coreference', () => {
  it('joins knowledge aliases of one organization and keeps affiliates apart', () => {
    const e = entities('Daesh claimed the attack. ISIS fighters fled. ISIS-K denied it.');
    const is = [...e.values()].find((a) => a.includes('Daesh'));
    expect(is).toContain('ISIS');
    expect(is).not.toContain('ISIS-K');
  });

  it('links a surname and a title form to the full name', () => {
    const e = entities('Foreign Minister Ana Roe arrived. Roe said the talks went well. Minister Roe left.');
    expect(e.get('Ana Roe')).toEqual(expect.arrayContaining(['Ana Roe', 'Roe', 'Minister Roe']));
  });

  it('links "the <role>" to the person who holds it', () => {
    const e = entities(
      'Parliamentary Speaker Jan Doe opened the session. The parliamentary speaker urged calm.',
    );
    expect(e.get('Jan Doe')).toContain('The parliamentary speaker');
  });

  it('links an appositive description', () => {
    const e = entities('He met his Chilean counterpart, Ana Roe, in Lima.');
    expect(e.get('Ana Roe')).toContain('his Chilean counterpart');
  });

  it('treats a capital as its government outside locative phrases, and as a city inside them', () => {
    const a = runUntil(
      'coref.rules',
      'The United States denied it. Washington said it had no role. Talks were held in Washington.',
    );
    const us = a.entities.find((x) => x.name === 'United States');
    expect(us?.aliases).toContain('Washington');
    expect(a.entities.some((x) => x.name === 'Washington' && x.type === 'GPE')).toBe(true);
  });

  it('joins a demonym to its country', () => {
    const e = entities('Kenyan police said Kenya would respond.');
    expect(e.get('Kenya')).toEqual(expect.arrayContaining(['Kenyan', 'Kenya']));
  });

  it('does not join two different people who share no name', () => {
    const e = entities('Ana Roe met Jan Doe. Roe spoke first.');
    expect(e.get('Ana Roe')).toContain('Roe');
    expect(e.get('Jan Doe')).not.toContain('Roe');
  });
});
