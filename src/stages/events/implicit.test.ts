// Implied arguments: unnamed state forces stand for their country, pronouns for a name told before,
// meetings have one actor and the people met as targets, joint subjects all act.
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../../test/helpers/run-stages.js';
import type { Analysis, Event } from '../../model/schema.js';

function names(a: Analysis, ids: readonly string[]): string[] {
  return ids.map((id) => a.entities.find((e) => e.id === id)?.name ?? id);
}

function eventOf(a: Analysis, type: Event['type']): Event {
  const e = a.events.find((x) => x.type === type);
  expect(e, `${type} in ${a.document.text}`).toBeDefined();
  return e!;
}

describe('unnamed state forces', () => {
  it.each([
    // the dateline city's country
    [
      'Kenya rejects vote\n\nNAIROBI — Security forces detained at least 40 people on Tuesday, a rights group said. Kenya denied it.',
      'COERCE',
      'Kenya',
    ],
    // the document's dominant country
    [
      'Police arrested 12 people in the north. Peru said the arrests were lawful. Peru has seen protests. Peru and Chile talk.',
      'COERCE',
      'Peru',
    ],
    // a country named with the same noun earlier
    ["Chad's army entered the town on Monday. The army said it killed 20 fighters.", 'ASSAULT', 'Chad'],
  ])('%s → %s by %s', (text, type, actor) => {
    const a = analyzeText(text);
    expect(names(a, eventOf(a, type as Event['type']).actors)).toContain(actor);
  });

  it.each([
    ['Amnesty International urged the authorities in Lima to free the detainees. Peru said no.', 'Peru'],
    [
      'Bolivia held elections on Sunday. Bolivia counted votes. Amnesty International urged the authorities to release everyone detained.',
      'Bolivia',
    ],
  ])('target: %s', (text, target) => {
    const a = analyzeText(text);
    expect(names(a, eventOf(a, 'REQUEST').targets)).toContain(target);
  });

  it.each([
    // no country to stand for: two countries mentioned equally, no dateline
    ['Police arrested 12 people after Peru played Chile.', 'COERCE'],
    // a force owned by a non-state group
    ['Peru said rebel forces detained 12 people. Peru and Peru.', 'COERCE'],
  ])('miss: %s', (text, type) => {
    const a = analyzeText(text);
    const e = a.events.find((x) => x.type === type);
    expect(e === undefined || !names(a, e.actors).includes('Peru')).toBe(true);
  });
});

describe('pronouns', () => {
  it('"accuse him of" is the person told before', () => {
    const a = analyzeText(
      'Retired colonel Tomas Ridel was arrested in Lisbon in May. Prosecutors in Chile accuse him of smuggling weapons.',
    );
    expect(names(a, eventOf(a, 'ACCUSE').targets)).toContain('Tomas Ridel');
  });

  it('"She called on X" acts for the person of the sentence before', () => {
    const a = analyzeText(
      "Peru's foreign minister, Ana Velarde, welcomed the decision. She called on the European Union to act.",
    );
    const e = eventOf(a, 'REQUEST');
    expect(names(a, e.actors)).toContain('Ana Velarde');
    expect(names(a, e.targets)).toContain('European Union');
  });

  it('"accusing them of" takes the targets of the act before it', () => {
    const a = analyzeText(
      'The European Union imposed sanctions on Hezbollah and Hamas, accusing them of fuelling the conflict.',
    );
    expect(names(a, eventOf(a, 'ACCUSE').targets)).toEqual(expect.arrayContaining(['Hezbollah', 'Hamas']));
  });

  it('miss: a pronoun with no person before it stays unresolved', () => {
    const a = analyzeText('Prosecutors in Chile accuse him of smuggling weapons.');
    expect(eventOf(a, 'ACCUSE').targets).toEqual([]);
  });
});

describe('meetings and joint subjects', () => {
  it('"A met B and C": A acts, B and C are met', () => {
    const a = analyzeText('Tomas Ridel also met Ana Velarde and Piotr Wenz in Lima on Monday.');
    const e = eventOf(a, 'CONSULT');
    expect(names(a, e.actors)).toEqual(['Tomas Ridel']);
    expect(names(a, e.targets)).toEqual(expect.arrayContaining(['Ana Velarde', 'Piotr Wenz']));
  });

  it('"A held talks with B": B is the target', () => {
    const a = analyzeText('Tomas Ridel held talks with Ana Velarde in Lima on Monday.');
    const e = eventOf(a, 'CONSULT');
    expect(names(a, e.actors)).toEqual(['Tomas Ridel']);
    expect(names(a, e.targets)).toContain('Ana Velarde');
  });

  it('"fighting between X and Y troops": both act', () => {
    const a = analyzeText('In May 2019, fighting between Peruvian and Chilean troops killed 30 people.');
    expect(names(a, eventOf(a, 'ASSAULT').actors)).toEqual(expect.arrayContaining(['Peru', 'Chile']));
  });
});

describe('subjects hidden in phrases', () => {
  it.each([
    ['Two people were killed after a Chilean kamikaze drone slammed into a building.', 'Chile'],
    ['Peruvian and Chilean troops exchanged heavy fire across the border on Monday.', 'Peru'],
    ['Peruvian and Chilean troops exchanged heavy fire across the border on Monday.', 'Chile'],
  ])('%s → actor %s', (text, actor) => {
    const a = analyzeText(text);
    expect(names(a, eventOf(a, 'ASSAULT').actors)).toContain(actor);
  });

  it('"X\'s leader, Y, vowed ... and ordered": Y acts', () => {
    const a = analyzeText(
      'Chile\'s junta leader, Captain Tomas Ridel, vowed to "win" and ordered reinforcements to the north.',
    );
    expect(names(a, eventOf(a, 'MOBILIZE').actors)).toEqual(['Tomas Ridel']);
  });

  it('miss: a name in a plain prepositional phrase is no subject', () => {
    const a = analyzeText('Two people were killed after a meeting with Chilean officials on Monday.');
    expect(names(a, eventOf(a, 'ASSAULT').actors)).not.toContain('Chile');
  });
});

describe('diplomatic protests and reported attacks', () => {
  it.each([
    [
      "Peru's spokesman Tomas Ridel said Lima had lodged a strong protest with Chile's embassy.",
      'Peru',
      'Chile',
    ],
    ["Chile summoned Peru's charge d'affaires on Monday.", 'Chile', 'Peru'],
  ])('%s → ACCUSE', (text, actor, target) => {
    const a = analyzeText(text);
    const e = eventOf(a, 'ACCUSE');
    expect(names(a, e.actors)).toContain(actor);
    expect(names(a, e.targets)).toContain(target);
  });

  it('"X, the army\'s media wing, said Y forces had targeted": Y acts, it is not the speaker', () => {
    const a = analyzeText(
      "The Inter-Services Public Relations (ISPR), the army's media wing, said Chilean forces had targeted villages near Tacna.",
    );
    expect(names(a, eventOf(a, 'ASSAULT').actors)).toContain('Chile');
  });

  it('miss: "..., said X." still names the speaker, not an actor', () => {
    const a = analyzeText('Troops fired on a crowd near Tacna, said Amnesty International.');
    const e = eventOf(a, 'ASSAULT');
    expect(names(a, e.actors)).not.toContain('Amnesty International');
  });
});

describe('places of attacks', () => {
  it('"shelling of the X camp" is placed at the camp, not at a city of another clause', () => {
    const a = analyzeText(
      'Activists said shelling of Tacna killed 14 civilians on Saturday, while the army said drones had struck a market in Arequipa.',
    );
    const shelling = a.events.find((e) => e.trigger.text === 'shelling');
    expect(a.places.find((p) => p.id === shelling?.place)?.text).toBe('Tacna');
    expect(names(a, shelling!.targets)).not.toContain('Tacna');
  });
});

describe('lead places', () => {
  it('a country named in the lead becomes the dateline city in that country', () => {
    const a = analyzeText(
      "Blast in capital\n\nLIMA (Reuters) - A car bomb exploded outside a hotel in Peru's capital on Tuesday, killing 12 people.",
    );
    const e = eventOf(a, 'ASSAULT');
    expect(a.places.find((p) => p.id === e.place)?.text).toBe('LIMA');
  });

  it('"in the X city of Y" is Y, not the country', () => {
    const a = analyzeText('Chile and Peru signed a truce in the Argentine city of Salta on Sunday.');
    const e = eventOf(a, 'AGREE');
    expect(a.places.find((p) => p.id === e.place)?.text).toBe('Salta');
  });

  it('miss: a lead event in another country keeps its own place', () => {
    const a = analyzeText(
      'Blast abroad\n\nLIMA (Reuters) - A car bomb exploded outside a hotel in Chile on Tuesday, killing 12 people.',
    );
    const e = eventOf(a, 'ASSAULT');
    expect(a.places.find((p) => p.id === e.place)?.text).toBe('Chile');
  });
});
