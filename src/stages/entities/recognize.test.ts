/** The rule recognizer: which spans become mentions, of which type and link, and which do not. */
import { describe, expect, it } from 'vitest';
import { runUntil } from '../../../test/helpers/run-stages.js';

const mentions = (text: string): string[] =>
  runUntil('entities.tagged', text).mentions.map(
    (m) => `${m.text}|${m.type}|${m.form}${m.link ? `|${m.link.split(':')[0]}` : ''}`,
  );

describe('entity recognizer', () => {
  it.each([
    ['Prime Minister Jan Kowalski met reporters.', 'Jan Kowalski|PERSON|name'],
    ['The talks were held in Mombasa on Friday.', 'Mombasa|GPE|name|city'],
    ['The talks were held in Nairobi on Friday.', 'Nairobi|GPE|name|capital'],
    ['Officials in Chile said the vote was fair.', 'Chile|GPE|name|country'],
    ['A Peruvian court ruled on Monday.', 'Peruvian|GPE|demonym|country'],
    ['The U.S. Treasury imposed sanctions.', 'The U.S.|GPE|name|country'],
    ['Fighters of Hezbollah fired rockets.', 'Hezbollah|ORG|name|org'],
    ['He joined the Northern Farmers Union last year.', 'Northern Farmers Union|ORG|name'],
    ['Floods hit Lower Valley Province again.', 'Lower Valley Province|GPE|name'],
    ["Peru's interior minister resigned.", "Peru's interior minister|PERSON|description|office"],
    ['Chilean state television reported the blast.', 'Chilean state television|ORG|description|media'],
    ['rebel leader Abu Bakr al-Doe was seen.', 'Abu Bakr al-Doe|PERSON|name'],
    ['Fighters loyal to al Qaeda attacked.', 'al Qaeda|ORG|name|org'],
    ['A US-backed force advanced.', 'US|GPE|name|country'],
    ['Shelling hit the Line of Control again.', 'Line of Control|LOC|name'],
    ['Rockets hit Kunar province overnight.', 'Kunar|GPE|name'],
    ['Protests spread to the northern state of Carabobo.', 'Carabobo|GPE|name'],
    ['The Indian Army said it had responded.', 'Indian Army|ORG|name'],
    ['President Hassan Sheikh Ali spoke.', 'Hassan Sheikh Ali|PERSON|name'],
    ['The State Committee for National Security said so.', 'State Committee for National Security|ORG|name'],
    ['Rebels in Congo seized Goma in January.', 'Goma|GPE|name|city'],
  ])('%s → %s', (text, expected) => {
    expect(mentions(text)).toContain(expected);
  });

  it.each([
    ['However, the mayor said nothing.', 'However'],
    ['Monday was quiet across the region.', 'Monday'],
    ['Supreme Leader spoke of unity.', 'Supreme Leader'],
    ['The Cemetery was closed.', 'Cemetery'],
    ['Security was tight and security forces patrolled.', 'Security'],
    ['The Chilean branch of the group split.', 'Chilean'],
    ['The ceasefire began at 0600 GMT in Venezuela.', 'GMT'],
    ['Venezuela heard Ana Machado speak.', 'Machado'],
  ])('miss: %s does not yield %s', (text, miss) => {
    expect(mentions(text).map((m) => m.split('|')[0])).not.toContain(miss);
  });

  it('keeps offsets exact: every mention slices to its text', () => {
    const a = runUntil('entities.tagged', 'Ms. Ana Roe, “the envoy”, flew from Lima to Quito with UN staff.');
    for (const m of a.mentions) expect(a.document.text.slice(m.span.start, m.span.end)).toBe(m.text);
  });
});
