/** PLOVER type and mode → ACLED event and sub-event type, table-driven, with the cases ACLED does not code. */
import { describe, expect, it } from 'vitest';
import { acledCategory, type AcledInput } from './acled.js';

const cases: ReadonlyArray<readonly [AcledInput, string, string]> = [
  [
    { type: 'ASSAULT', mode: 'explosives', trigger: 'bombing' },
    'Explosions/Remote violence',
    'Remote explosive/landmine/IED',
  ],
  [
    { type: 'ASSAULT', mode: 'explosives', trigger: 'suicide bombing' },
    'Explosions/Remote violence',
    'Suicide bomb',
  ],
  [
    { type: 'ASSAULT', mode: 'explosives', trigger: 'blew himself up' },
    'Explosions/Remote violence',
    'Suicide bomb',
  ],
  [
    { type: 'ASSAULT', mode: 'explosives', trigger: 'grenade attack' },
    'Explosions/Remote violence',
    'Grenade',
  ],
  [{ type: 'ASSAULT', mode: 'suicide-attack' }, 'Explosions/Remote violence', 'Suicide bomb'],
  [
    { type: 'ASSAULT', mode: 'drone strike', trigger: 'drone strike' },
    'Explosions/Remote violence',
    'Air/drone strike',
  ],
  [
    { type: 'ASSAULT', mode: 'drone strike', trigger: 'air strikes' },
    'Explosions/Remote violence',
    'Air/drone strike',
  ],
  [
    { type: 'ASSAULT', mode: 'drone strike', trigger: 'fired rockets' },
    'Explosions/Remote violence',
    'Shelling/artillery/missile attack',
  ],
  [{ type: 'ASSAULT', mode: 'aerial' }, 'Explosions/Remote violence', 'Air/drone strike'],
  [
    { type: 'ASSAULT', mode: 'heavy-weapons' },
    'Explosions/Remote violence',
    'Shelling/artillery/missile attack',
  ],
  [{ type: 'ASSAULT', mode: 'firearms' }, 'Battles', 'Armed clash'],
  [{ type: 'ASSAULT', mode: 'armed clashes', trigger: 'clashes' }, 'Battles', 'Armed clash'],
  [{ type: 'ASSAULT', mode: 'seize territory' }, 'Battles', 'Non-state actor overtakes territory'],
  [
    { type: 'ASSAULT', mode: 'seize territory', actorIsState: true },
    'Battles',
    'Government regains territory',
  ],
  [{ type: 'ASSAULT', mode: 'attack' }, 'Violence against civilians', 'Attack'],
  [{ type: 'ASSAULT', mode: 'attack', targetArmed: true }, 'Battles', 'Armed clash'],
  [{ type: 'ASSAULT', mode: 'kill' }, 'Violence against civilians', 'Attack'],
  [{ type: 'ASSAULT' }, 'Violence against civilians', 'Attack'],
  [{ type: 'ASSAULT', mode: 'abduct' }, 'Violence against civilians', 'Abduction/forced disappearance'],
  [{ type: 'ASSAULT', mode: 'sexual' }, 'Violence against civilians', 'Sexual violence'],
  [{ type: 'ASSAULT', mode: 'crowd-control' }, 'Protests', 'Excessive force against protesters'],
  [{ type: 'ASSAULT', mode: 'destroy' }, 'Strategic developments', 'Looting/property destruction'],
  [{ type: 'ASSAULT', mode: 'unconventional' }, 'Explosions/Remote violence', 'Chemical weapon'],
  [{ type: 'PROTEST', mode: 'demonstrate' }, 'Protests', 'Peaceful protest'],
  [{ type: 'PROTEST', mode: 'demo' }, 'Protests', 'Peaceful protest'],
  [{ type: 'PROTEST', mode: 'riot' }, 'Riots', 'Violent demonstration'],
  [{ type: 'COERCE', mode: 'arrest' }, 'Strategic developments', 'Arrests'],
  [{ type: 'COERCE', mode: 'seize' }, 'Strategic developments', 'Disrupted weapons use'],
  [{ type: 'COERCE', mode: 'disperse crowd' }, 'Protests', 'Protest with intervention'],
  [{ type: 'COERCE', mode: 'curfew' }, 'Strategic developments', 'Other'],
  [{ type: 'RETREAT', mode: 'ceasefire' }, 'Strategic developments', 'Agreement'],
  [{ type: 'RETREAT', mode: 'withdraw' }, 'Strategic developments', 'Non-violent transfer of territory'],
  [{ type: 'AGREE', mode: 'agree' }, 'Strategic developments', 'Agreement'],
  [{ type: 'MOBILIZE', mode: 'security forces' }, 'Strategic developments', 'Other'],
];

describe('acledCategory', () => {
  it.each(cases)('%o -> %s / %s', (input, eventType, subEventType) => {
    expect(acledCategory(input)).toEqual({ eventType, subEventType });
  });

  it.each(['ACCUSE', 'REQUEST', 'THREATEN', 'CONSULT', 'SANCTION', 'AID'] as const)(
    '%s is not an ACLED event (miss)',
    (type) => {
      expect(acledCategory({ type })).toBeNull();
    },
  );
});
