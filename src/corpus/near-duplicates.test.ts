// Near-duplicate detection on paragraphs written for this test: wire copy, its reposts, and
// independent reports of the same event. The figures quoted at NEAR_DUPLICATE_THRESHOLD come from here.
import { describe, expect, it } from 'vitest';
import { ParallaxError } from '../errors.js';
import {
  bandKeys,
  FINGERPRINT_LENGTH,
  fingerprint,
  groupNearDuplicates,
  isNearDuplicate,
  NEAR_DUPLICATE_THRESHOLD,
  shingleWords,
  similarity,
} from './near-duplicates.js';

const WIRE = `Gunmen kill nine at livestock market in northern town

KOLARA, March 3 (Meridian Wire) - Gunmen on motorcycles opened fire on a crowded livestock market in the northern town of Kolara on Tuesday, killing nine people and wounding at least 17 others, local officials said.
The attackers arrived shortly after dawn, when traders from surrounding villages were unloading cattle and goats, and fired on the crowd for about ten minutes before fleeing towards the forest east of the town, according to two witnesses reached by telephone.
"They shot at anyone who ran," said Musa Adeyemi, a cattle trader who hid behind a lorry. "Some of the wounded were carried to the clinic on donkey carts because there were no ambulances."
The provincial governor, Halima Garba, condemned the attack and ordered security forces to pursue the gunmen. No group has claimed responsibility.
Kolara lies about 80 kilometres from the border and has been hit by repeated raids over the past year, which residents blame on armed bands that steal cattle and kidnap travellers for ransom.
The army said in a statement that reinforcements had been sent to the area and that a curfew would be imposed from Wednesday.`;

// A site's repost: new headline, no dateline, and five edited words.
const REPOST = `Nine dead as attackers storm Kolara cattle market

Gunmen on motorcycles opened fire on a busy livestock market in the northern town of Kolara on Tuesday, killing nine people and wounding at least 17 others, local officials said.
The attackers arrived shortly after dawn, when traders from nearby villages were unloading cattle and goats, and fired on the crowd for about ten minutes before fleeing towards the forest east of the town, according to two witnesses reached by phone.
"They shot at anyone who ran," said Musa Adeyemi, a cattle trader who hid behind a truck. "Some of the wounded were carried to the clinic on donkey carts because there were no ambulances."
The provincial governor, Halima Garba, condemned the attack and ordered security forces to pursue the gunmen. No group has yet claimed responsibility.
Kolara lies about 80 kilometres from the border and has been hit by repeated raids over the past year, which residents blame on armed bands that steal cattle and kidnap travellers for ransom.
The army said in a statement that reinforcements had been sent to the area and that a curfew would be imposed from Wednesday.`;

// Another site carries the wire copy cut after its fourth paragraph.
const TRIMMED = WIRE.split('\n').slice(0, 6).join('\n');

// Same event, same facts, the outlet's own reporting and wording.
const INDEPENDENT = `Kolara market attack: residents count their dead

Nine people were shot dead and 17 injured when armed men on motorbikes raided the weekly animal market in Kolara early on Tuesday, officials in the northern province confirmed.
Witnesses told our correspondent that the raiders sprayed bullets at traders for roughly ten minutes, then escaped into the woods east of the town. With no ambulance available, relatives took the injured to the only clinic on carts pulled by donkeys.
Governor Halima Garba denounced the killings and told the security services to track down those responsible. There has been no claim of responsibility.
Residents say bandits who rustle cattle and abduct travellers have raided the area, some 80 km from the frontier, many times in the past twelve months. The military announced a curfew starting Wednesday and said extra troops were on their way.`;

// A different event written from the same wire template: the stock phrases match, the facts do not.
const TEMPLATE_OTHER = `Gunmen kill four at roadside checkpoint in western district

SABO, May 14 (Meridian Wire) - Gunmen opened fire on a police checkpoint on the main road west of Sabo on Sunday night, killing four officers, local officials said.
The attackers came out of the bush in two pickup trucks and set fire to a patrol vehicle before driving off with weapons taken from the post, according to a police spokesman.
The provincial governor condemned the attack and ordered security forces to pursue the gunmen. No group has claimed responsibility.
The army said in a statement that reinforcements had been sent to the area.`;

const SHORT = `Flights resume at Port Adela airport

Flights resumed at Port Adela airport on Friday after a two-day closure caused by a fuel shortage, the airport authority said. Passengers were advised to check with their airlines before travelling, as some morning departures remained delayed.`;

const SHORT_REPOST = `Port Adela flights back after fuel shortage

Flights resumed at Port Adela airport on Friday after a two-day shutdown caused by a fuel shortage, the airport authority said. Travellers were advised to check with their airlines before travelling, as some early departures remained delayed.`;

/** Exact Jaccard similarity of word 3-shingle sets, to check the estimate against. */
function exactJaccard(a: string, b: string): number {
  const set = (text: string): Set<string> => {
    const words = shingleWords(text);
    const out = new Set<string>();
    for (let i = 0; i + 3 <= words.length; i++) out.add(words.slice(i, i + 3).join(' '));
    return out;
  };
  const x = set(a);
  const y = set(b);
  let shared = 0;
  for (const s of x) if (y.has(s)) shared++;
  return shared / (x.size + y.size - shared);
}

const sim = (a: string, b: string): number => similarity(fingerprint(a), fingerprint(b));

describe('fingerprint', () => {
  it('is fixed-length lower-case hex and stable across runs', () => {
    const fp = fingerprint(WIRE);
    expect(fp).toMatch(new RegExp(`^[0-9a-f]{${FINGERPRINT_LENGTH}}$`));
    expect(fingerprint(WIRE)).toBe(fp);
    // Pinned: a change of hash, seed or normalization changes stored fingerprints and must be deliberate.
    expect(fingerprint('Gunmen kill nine at livestock market').slice(0, 32)).toMatchInlineSnapshot(
      `"fddecab0eff315be992d6e7c4a919adc"`,
    );
  });

  it('ignores case, spacing, punctuation and diacritics', () => {
    const retyped = WIRE.replace(/"/g, '“')
      .replace(/ - /g, ' — ')
      .replace(/\n/g, '\n\n')
      .replace(/Kolara/g, 'KOLÁRA');
    expect(fingerprint(retyped)).toBe(fingerprint(WIRE));
  });

  it('handles texts shorter than a shingle and empty texts', () => {
    expect(fingerprint('Ceasefire')).toHaveLength(FINGERPRINT_LENGTH);
    expect(isNearDuplicate(fingerprint('Ceasefire holds'), fingerprint('ceasefire, holds!'))).toBe(true);
    expect(isNearDuplicate(fingerprint('Ceasefire holds'), fingerprint('Ceasefire collapses'))).toBe(false);
    expect(fingerprint('')).toHaveLength(FINGERPRINT_LENGTH);
  });
});

describe('near-duplicates', () => {
  const cases: readonly (readonly [string, string, string, boolean])[] = [
    ['identical text', WIRE, WIRE, true],
    ['repost: new headline, no dateline, five edited words', WIRE, REPOST, true],
    ['wire copy trimmed to its first paragraphs', WIRE, TRIMMED, true],
    ['short item: new headline and three edited words', SHORT, SHORT_REPOST, true],
    ['independent report of the same event', WIRE, INDEPENDENT, false],
    ['independent report against the repost', REPOST, INDEPENDENT, false],
    ['other event from the same wire template', WIRE, TEMPLATE_OTHER, false],
    ['unrelated story', WIRE, SHORT, false],
  ];

  it.each(cases)('%s', (_name, a, b, want) => {
    const estimate = sim(a, b);
    // The estimate tracks the exact similarity within four standard errors.
    expect(Math.abs(estimate - exactJaccard(a, b))).toBeLessThan(0.18);
    expect(isNearDuplicate(fingerprint(a), fingerprint(b))).toBe(want);
    expect(isNearDuplicate(fingerprint(b), fingerprint(a))).toBe(want);
    // Duplicates share a band key, so a store finds them without comparing all pairs.
    const keys = new Set(bandKeys(fingerprint(a)));
    if (want) expect(bandKeys(fingerprint(b)).some((k) => keys.has(k))).toBe(true);
  });

  it('keeps a wide margin on both sides of the threshold (figures documented in the source)', () => {
    const figures = cases.map(([name, a, b]) => ({
      name,
      estimate: sim(a, b),
      exact: Number(exactJaccard(a, b).toFixed(2)),
    }));
    for (const f of figures.filter((_, i) => cases[i]?.[3] === true)) {
      expect(f.estimate, f.name).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD + 0.08);
    }
    for (const f of figures.filter((_, i) => cases[i]?.[3] === false)) {
      expect(f.estimate, f.name).toBeLessThanOrEqual(NEAR_DUPLICATE_THRESHOLD - 0.15);
    }
    expect(figures.map((f) => `${f.name}: ${f.estimate.toFixed(2)} / ${f.exact}`)).toMatchInlineSnapshot(`
      [
        "identical text: 1.00 / 1",
        "repost: new headline, no dateline, five edited words: 0.79 / 0.77",
        "wire copy trimmed to its first paragraphs: 0.71 / 0.71",
        "short item: new headline and three edited words: 0.44 / 0.48",
        "independent report of the same event: 0.02 / 0.01",
        "independent report against the repost: 0.02 / 0.01",
        "other event from the same wire template: 0.17 / 0.13",
        "unrelated story: 0.00 / 0",
      ]
    `);
  });

  it('gives 42 band keys and rejects malformed fingerprints with a typed error', () => {
    const keys = bandKeys(fingerprint(WIRE));
    expect(keys).toHaveLength(42);
    expect(new Set(keys).size).toBe(42);
    expect(keys[0]).toMatch(/^00:[0-9a-f]{12}$/);
    expect(() => bandKeys('abc')).toThrow(ParallaxError);
    expect(() => isNearDuplicate('XYZ', fingerprint(WIRE))).toThrow(/fingerprint/);
  });
});

describe('groupNearDuplicates', () => {
  const docs = [
    { id: 'wire', published: '2025-03-03T06:40:00Z', text: WIRE },
    { id: 'repost', published: '2025-03-03T09:15:00Z', text: REPOST },
    { id: 'a-trimmed', published: '2025-03-03T11:00:00Z', text: TRIMMED },
    { id: 'independent', published: '2025-03-03T08:00:00Z', text: INDEPENDENT },
    { id: 'template', published: '2025-05-14', text: TEMPLATE_OTHER },
    { id: 'short-b', published: '2025-04-04', text: SHORT_REPOST },
    // Same date as its copy: the smaller id is canonical.
    { id: 'short-a', published: '2025-04-04', text: SHORT },
    // Undated copies come after dated ones.
    { id: 'copy-undated', text: WIRE },
  ];
  const want = new Map([
    ['wire', 'wire'],
    ['repost', 'wire'],
    ['a-trimmed', 'wire'],
    ['copy-undated', 'wire'],
    ['independent', 'independent'],
    ['template', 'template'],
    ['short-a', 'short-a'],
    ['short-b', 'short-a'],
  ]);

  it('maps each document to the earliest member of its group', () => {
    expect(Object.fromEntries(groupNearDuplicates(docs))).toEqual(Object.fromEntries(want));
  });

  it('gives the same groups whatever the input order', () => {
    let seed = 7;
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let round = 0; round < 10; round++) {
      const shuffled = [...docs];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      expect(Object.fromEntries(groupNearDuplicates(shuffled))).toEqual(Object.fromEntries(want));
    }
  });

  it('rejects a repeated id', () => {
    expect(() => groupNearDuplicates([docs[0]!, docs[0]!])).toThrow(ParallaxError);
  });

  it('stays fast on a thousand documents', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({
      id: `d${i}`,
      text: `${WIRE.replace(/nine/g, String(i))} Report number ${i} of ${i % 7} in series ${i * 31}.`,
    }));
    const started = performance.now();
    const groups = groupNearDuplicates(many);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(new Set(groups.values()).size).toBe(1);
  });
});
