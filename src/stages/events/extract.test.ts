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

const pipeline = createPipeline([tokenizeStage, segmentStage, entitiesStage, corefStage, eventsStage, datesStage], loadKnowledge({ language: 'en' }));

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
    const a = analyze('Twelve people were killed in the bombing in Mosul, with Hamas claiming responsibility.');
    const e = only(a, 'ASSAULT');
    expect(names(a, e.actors)).toContain('Hamas');
    expect(e.counts.killed).toMatchObject({ value: 12, qualifier: 'exact' });
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
    const counts = a.events.map((e) => e.counts[field as keyof Event['counts']]).filter((c) => c !== undefined);
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
    const a = analyze('The militia was behind the attack in Quetta, Pakistani Interior Minister Ali Khan said.');
    const e = only(a, 'ACCUSE');
    expect(names(a, e.actors)).toContain('Ali Khan');
  });
});
