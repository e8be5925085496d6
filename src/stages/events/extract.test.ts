// Event extraction end to end over the rule stages: triggers, arguments, counts, attributes, coreference and dates.
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../knowledge/load.js';
import { createDocument } from '../../model/document.js';
import type { Analysis, Event } from '../../model/schema.js';
import { createPipeline } from '../../pipeline/pipeline.js';
import { corefStage } from '../coref/index.js';
import { datesStage } from '../dates/index.js';
import { entitiesStage } from '../entities/index.js';
import { segmentStage, tokenizeStage } from '../text-stages.js';
import { eventsStage } from './index.js';
import { toGoldAnswer } from '../../export/gold.js';

const pipeline = createPipeline(
  [tokenizeStage, segmentStage, entitiesStage, corefStage, eventsStage, datesStage],
  loadKnowledge({ language: 'en' }),
);

function analyze(text: string, published = '2024-03-13'): Analysis {
  return pipeline.run(createDocument(text, { published }));
}

function names(a: Analysis, ids: readonly string[]): string[] {
  return ids.map((id) => a.entities.find((e) => e.id === id)?.name ?? id);
}

function only(a: Analysis, type: Event['type']): Event {
  const found = a.events.filter((e) => e.type === type);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('eventsStage: types and actors', () => {
  it.each([
    ['France accused Germany of spying on its diplomats.', 'ACCUSE', 'France', 'Germany'],
    ['Egypt urged Israel to open the crossings.', 'REQUEST', 'Egypt', 'Israel'],
    ['Russia denied the claims on Friday.', 'REJECT', 'Russia', undefined],
    ['Germany deployed troops along its border with Poland.', 'MOBILIZE', 'Germany', undefined],
    ['Japan and India signed a defence pact.', 'AGREE', 'Japan', undefined],
    ['Police in Kenya arrested 12 people after the rally.', 'COERCE', undefined, undefined],
  ])('%s → %s', (text, type, actor, target) => {
    const a = analyze(text);
    const e = a.events.find((x) => x.type === type);
    expect(e).toBeDefined();
    if (actor) expect(names(a, e!.actors)).toContain(actor);
    if (target) expect(names(a, e!.targets)).toContain(target);
    expect(text.slice(e!.trigger.span.start, e!.trigger.span.end)).toBe(e!.trigger.text);
    expect(e!.stage).toBe('events.rules@1');
  });

  it.each([
    ['The minister spoke about the fight against corruption.'],
    ['The weather was mild in Paris on Monday.'],
    ['* A group outlawed in many countries and under UN sanctions.'],
  ])('miss: %s', (text) => {
    expect(analyze(text).events).toEqual([]);
  });
});

describe('eventsStage: passives, noun modifiers and claims', () => {
  it('victims of a passive are targets, a country before "drone strike" is the actor', () => {
    const a = analyze('John Smith and Mary Jones were killed in a US drone strike in Baghdad in May 2019.');
    const e = only(a, 'ASSAULT');
    expect(names(a, e.actors)).toContain('United States');
    expect(names(a, e.targets)).toEqual(expect.arrayContaining(['John Smith', 'Mary Jones']));
    expect(e.counts.killed?.value).toBe(2);
    expect(e.place).toBe('Baghdad');
    expect(e.date).toMatchObject({ iso: '2019-05', precision: 'month' });
    expect(e.attributes).toContain('historical');
  });

  it('"with X claiming responsibility" names the perpetrator', () => {
    const a = analyze(
      'Twelve people were killed in the bombing in Mosul, with Hamas claiming responsibility.',
    );
    const e = only(a, 'ASSAULT');
    expect(names(a, e.actors)).toContain('Hamas');
    expect(e.counts.killed).toMatchObject({ value: 12, qualifier: 'exact' });
  });
});

describe('eventsStage: seizures', () => {
  it('seizing a town is an assault that takes territory, placed at the town', () => {
    const a = analyze('Rebels of the Mai Mai group seized Kindu in January after days of fighting.');
    const e = a.events.find((x) => x.trigger.text === 'seized');
    expect(e).toMatchObject({ type: 'ASSAULT', mode: 'seize territory', place: 'Kindu' });
  });
  it('miss: seizing goods stays a coercive seizure', () => {
    const a = analyze('Police in Kenya seized 40 rifles and two trucks on Monday.');
    const e = a.events.find((x) => x.trigger.text === 'seized');
    expect(e).toMatchObject({ type: 'COERCE', mode: 'seize' });
  });
});

describe('eventsStage: places named by reference', () => {
  it('"a strike on the city centre" is placed in the city the story is about', () => {
    const a = analyze(
      'Two people were killed in a drone attack in Kharkiv on Monday. In May 2022, a missile strike on the city centre killed 25 people.',
    );
    const old = a.events.find((e) => e.counts.killed?.value === 25);
    expect(old?.place).toBe('Kharkiv');
  });
});

describe('eventsStage: place phrases', () => {
  it('"in the western state of X" places the event in X', () => {
    const a = analyze('Two protesters were killed in the western state of Zulia on Monday.');
    expect(only(a, 'ASSAULT').place).toBe('Zulia');
  });
});

describe('eventsStage: rejections answer earlier acts', () => {
  it('"rejected the sanctions" targets whoever imposed them', () => {
    const a = analyze(
      'The European Union imposed sanctions on Chad on Monday. Chad rejected the sanctions as unfair.',
    );
    const e = a.events.find((x) => x.type === 'REJECT');
    expect(names(a, e?.targets ?? [])).toEqual(['European Union']);
  });
  it('miss: a rejection of something no earlier act did keeps no target', () => {
    const a = analyze(
      'The European Union imposed sanctions on Chad on Monday. Chad rejected the proposal as unfair.',
    );
    const e = a.events.find((x) => x.type === 'REJECT');
    expect(e?.targets).toEqual([]);
  });
});

describe('eventsStage: counts', () => {
  it.each([
    ['A car bomb in Kabul killed at least 40 people and wounded 120 others.', 'killed', 40, 'at-least'],
    ['A car bomb in Kabul killed at least 40 people and wounded 120 others.', 'injured', 120, 'exact'],
    ['An explosion in Kabul left nearly 100 people dead.', 'killed', 100, 'at-most'],
    ['Police in Lagos detained 32 people after the riots.', 'detained', 32, 'exact'],
    ['Troops discovered 16 other explosive devices near Herat.', 'devices', 16, 'exact'],
  ])('%s → %s', (text, field, value, qualifier) => {
    const a = analyze(text);
    const counts = a.events
      .map((e) => e.counts[field as keyof Event['counts']])
      .filter((c) => c !== undefined);
    expect(counts[0]).toMatchObject({ value, qualifier });
    expect(text.slice(counts[0]!.span.start, counts[0]!.span.end)).toBe(counts[0]!.text);
  });

  it('miss: a number of events or of years is no count', () => {
    const a = analyze('Two explosions hit Kabul four years after the war ended.');
    expect(a.events.flatMap((e) => Object.keys(e.counts))).toEqual([]);
  });
});

describe('eventsStage: attributes and coreference', () => {
  it('planned but prevented', () => {
    const a = analyze('The militants planned to plant explosives in the market but were unable to do so.');
    expect(only(a, 'ASSAULT').attributes).toEqual(expect.arrayContaining(['planned', 'prevented']));
  });

  it('one happening told three times is one event with every argument and the dating sentence', () => {
    const a = analyze(
      'Twin blasts struck a market in Quetta. The attack shocked the country. Forty people were killed and 80 injured in the March 10 attack.',
    );
    const attacks = a.events.filter((e) => e.type === 'ASSAULT');
    expect(attacks).toHaveLength(1);
    expect(attacks[0]!.place).toBe('Quetta');
    expect(attacks[0]!.counts.killed?.value).toBe(40);
    expect(attacks[0]!.counts.injured?.value).toBe(80);
    expect(attacks[0]!.date?.iso).toBe('2024-03-10');
  });

  it('miss: an older strike elsewhere stays a separate, historical event', () => {
    const a = analyze('A bombing hit Quetta on Monday. In 2019 an airstrike in Aleppo killed 30 people.');
    const attacks = a.events.filter((e) => e.type === 'ASSAULT');
    expect(attacks).toHaveLength(2);
    expect(attacks[1]!.attributes).toContain('historical');
  });

  it('the speaker of an attribution reports the event', () => {
    const a = analyze(
      'The militia was behind the attack in Quetta, Pakistani Interior Minister Ali Khan said.',
    );
    const e = only(a, 'ACCUSE');
    expect(names(a, e.actors)).toContain('Ali Khan');
  });
});

describe('eventsStage: generality (headlines, datelines, speakers, participants)', () => {
  it('a headline event that repeats the lead is dropped; the body keeps the arguments', () => {
    const a = analyze(
      'Gunmen kill 12 in Kano bus station attack\n\nKANO, Nigeria — Gunmen attacked a bus station in Kano on Monday, killing 12 people, police said.',
    );
    const e = only(a, 'ASSAULT');
    expect(e.trigger.text).toBe('attacked');
    expect(e.counts.killed?.value).toBe(12);
    expect(e.date?.iso).toBe('2024-03-11');
  });

  it('a headline event is kept when the body tells nothing of its type', () => {
    const a = analyze(
      'Portugal condemns attack on embassy\n\nLISBON — Gunmen attacked the embassy in Maputo on Sunday.',
    );
    const e = only(a, 'ACCUSE');
    expect(names(a, e.actors)).toEqual(['Portugal']);
    expect(only(a, 'ASSAULT').trigger.text).toBe('attacked');
  });

  it('miss: a dateline city is never an actor or target', () => {
    const a = analyze('LAGOS, Nigeria — Gunmen attacked a market in Kano on Sunday.');
    const e = only(a, 'ASSAULT');
    expect(names(a, [...e.actors, ...e.targets])).not.toEqual(expect.arrayContaining(['Lagos']));
    expect(names(a, [...e.actors, ...e.targets])).not.toContain('Nigeria');
  });

  it('miss: the speaker of a closing attribution is no argument, it reports the event', () => {
    const a = analyze(
      'Security forces detained 40 people in Lima on Monday, human rights group Amnesty International said.',
    );
    const e = only(a, 'COERCE');
    expect(e.actors).toEqual([]);
    expect(e.targets).toEqual([]);
    expect(e.counts.detained?.value).toBe(40);
    expect(e.reportedBy.kind === 'entity' ? names(a, [e.reportedBy.entity]) : []).toEqual([
      'Amnesty International',
    ]);
  });

  it.each([
    ['Protesters gathered outside the ministry in Lima.'],
    ['The president addressed a rally of supporters in Lima.'],
    ['Mourners gathered in Quito for the funerals.'],
  ])('miss: participant nouns are no events: %s', (text) => {
    expect(analyze(text).events.filter((e) => e.type === 'PROTEST' || e.type === 'ASSAULT')).toEqual([]);
  });

  it('a protest told with a verb is an event', () => {
    expect(only(analyze('Thousands protested in Lima on Sunday.'), 'PROTEST').place).toBe('Lima');
  });

  it('miss: a speech act with no actor is left out', () => {
    const a = analyze('The proposal was rejected.');
    expect(a.events.filter((e) => e.type === 'REJECT')).toEqual([]);
  });
});

describe('eventsStage: accusations, denials and reported speech', () => {
  it('an event inside an accusation is alleged and not exported; the accusation stays', () => {
    const a = analyze('Amnesty International accused the army of killing 30 civilians in Darfur.');
    const accuse = only(a, 'ACCUSE');
    expect(names(a, accuse.actors)).toEqual(['Amnesty International']);
    const killing = a.events.find((e) => e.type === 'ASSAULT');
    expect(killing?.attributes).toContain('alleged');
    expect(killing?.actors ?? []).not.toContain(accuse.actors[0]);
    expect(toGoldAnswer(a).events.map((e) => e.type)).toEqual(['ACCUSE']);
  });

  it('"accused the army" targets the country whose army was named before', () => {
    const a = analyze(
      "Sudan's army shelled the town. Amnesty International accused the army of killing 30 civilians.",
    );
    const accuse = only(a, 'ACCUSE');
    expect(names(a, accuse.targets)).toEqual(['Sudan']);
    const alleged = a.events.find((e) => e.attributes.includes('alleged'));
    expect(alleged ? names(a, alleged.actors) : []).not.toContain('Amnesty International');
  });

  it('miss: a verb coordinated with a denial is no part of what is denied', () => {
    const a = analyze("Rwanda's army denied the allegation and said troops had killed 14 rebels near Goma.");
    expect(names(a, only(a, 'REJECT').actors)).toEqual(['Rwanda']);
    const killed = a.events.find((e) => e.type === 'ASSAULT');
    expect(killed?.attributes ?? []).not.toContain('negated');
  });

  it.each([
    [
      'Chilean President Juan Ortega, a former senator, urged Peru to reopen the border.',
      'REQUEST',
      ['Juan Ortega'],
      ['Peru'],
    ],
    [
      'Poland has ordered troops along its frontier with Belarus and Ukraine to be put on high alert.',
      'MOBILIZE',
      ['Poland'],
      [],
    ],
    [
      'Lithuania, which hosts many exiled activists from Belarus, welcomed the decision.',
      'SUPPORT',
      ['Lithuania'],
      [],
    ],
    ['The head of the Revolutionary Front, Marco Diaz, vowed revenge.', 'THREATEN', ['Marco Diaz'], []],
    ['Spain and Morocco signed a fisheries agreement in Rabat.', 'AGREE', ['Spain', 'Morocco'], []],
    [
      'Maria Lopez, a former minister who leads the opposition, said the alliance rejected the results.',
      'REJECT',
      ['Maria Lopez'],
      [],
    ],
  ])('actors are the subject head: %s', (text, type, actors, targets) => {
    const a = analyze(text);
    const e = only(a, type as Event['type']);
    expect(names(a, e.actors)).toEqual(actors);
    if (targets.length > 0) expect(names(a, e.targets)).toEqual(targets);
  });

  it.each([
    ['The United States embassy also condemned the assault.', 'ACCUSE', 'United States'],
    [
      'Thousands of demonstrators who marched on parliament in Nairobi were dispersed by Kenya police.',
      'PROTEST',
      undefined,
    ],
  ])('a name is no reporting verb, a restrictive relative acts for its noun: %s', (text, type, actor) => {
    const a = analyze(text);
    const e = only(a, type as Event['type']);
    expect(names(a, e.actors)).toEqual(actor ? [actor] : []);
  });

  it('miss: what is requested has not happened', () => {
    const a = analyze('Britain urged Kenya to respect the right to protest.');
    expect(toGoldAnswer(a).events.map((e) => e.type)).toEqual(['REQUEST']);
  });

  it('miss: a date inside a relative clause does not date the main verb', () => {
    const a = analyze(
      'Maria Lopez, who met Juan Ortega in Lima on Monday, urged both sides to show restraint.',
    );
    expect(only(a, 'REQUEST').date).toBeUndefined();
    expect(only(a, 'CONSULT').date?.iso).toBe('2024-03-11');
  });
});

describe('eventsStage: counts of attackers', () => {
  it('"two suicide attackers" counts the attack\'s attackers', () => {
    const a = analyze(
      'Two suicide attackers blew themselves up at a checkpoint in Mogadishu, killing nine people.',
    );
    const e = only(a, 'ASSAULT');
    expect(e.counts.attackers?.value).toBe(2);
    expect(e.counts.killed?.value).toBe(9);
  });

  it('miss: attackers who were killed are no count of attackers or victims', () => {
    const a = analyze(
      'Gunmen stormed a hotel in Mogadishu, killing nine people. At least five attackers were killed in the fighting.',
    );
    const counts = a.events.map((e) => e.counts);
    expect(counts.some((c) => c.attackers?.value === 5 || c.killed?.value === 5)).toBe(false);
    expect(counts.some((c) => c.killed?.value === 9)).toBe(true);
  });
});

describe('eventsStage: odd input', () => {
  it.each([
    [''],
    ['   '],
    ['\n\n'],
    ['...'],
    ['no names here at all'],
    ['Breaking news\n\n'],
    ['“”'],
    ['— —'],
    ['KANO —'],
  ])('does not crash: %j', (text) => {
    expect(() => analyze(text)).not.toThrow();
  });
});

describe('eventsStage: participles that modify a name', () => {
  it('"the occupied West Bank" tells no seizure', () => {
    const a = analyze('Israeli troops remained in the occupied West Bank on Monday.');
    expect(a.events.filter((e) => e.type === 'COERCE')).toEqual([]);
  });
  it('miss: "a hijacked Sudan Airways plane" still tells a hijacking', () => {
    const a = analyze('A hijacked Sudan Airways plane landed in London on Monday.');
    expect(a.events.map((e) => e.type)).toContain('ASSAULT');
  });
  it('miss: a participle as the verb still triggers', () => {
    const a = analyze('Israeli troops occupied the town of Jenin on Monday.');
    expect(only(a, 'COERCE').trigger.text).toBe('occupied');
  });
});
