/**
 * PLOVER type and mode → ACLED event type and sub-event type (ACLED codebook, table 2; the taxonomy is
 * listed in `../shared/data/plover_gsr/README.md`). A pure function over the event's type, mode and,
 * optionally, its trigger text and whether the side attacked is armed; it does not change the analysis
 * schema.
 *
 * Modes are those of the PLOVER manual (explosives, suicide-attack, drone, aerial, firearms, abduct,
 * arrest, riot…) and those the events stage writes (attack, kill, armed clashes, drone strike, seize
 * territory, demonstrate, disperse crowd, security forces…). ACLED codes material events only: verbal
 * ones (ACCUSE, REQUEST, THREATEN…) and cooperation other than agreements map to null.
 *
 * Documented choices where ACLED needs facts PLOVER lacks:
 * - A plain attack or killing is "Violence against civilians / Attack" unless the caller says the target
 *   is armed (`targetArmed`), then "Battles / Armed clash".
 * - Territory seized is "Non-state actor overtakes territory" unless `actorIsState`, then "Government
 *   regains territory".
 * - Explosives without more are "Remote explosive/landmine/IED"; the trigger text refines it ("suicide"
 *   → Suicide bomb, "grenade" → Grenade, shelling, rockets and missiles → Shelling/artillery/missile).
 * - COERCE seize (weapons seized, devices defused) is "Disrupted weapons use".
 */
import type { PloverType } from '../model/schema.js';

export const ACLED_EVENT_TYPES = [
  'Battles',
  'Protests',
  'Riots',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Strategic developments',
] as const;
export type AcledEventType = (typeof ACLED_EVENT_TYPES)[number];

export interface AcledCategory {
  readonly eventType: AcledEventType;
  readonly subEventType: string;
}

export interface AcledInput {
  readonly type: PloverType;
  readonly mode?: string | undefined;
  /** The trigger text ("suicide bombing", "shelling"), used to refine explosions. */
  readonly trigger?: string | undefined;
  /** The side attacked is armed (soldiers, militants): an attack is then a battle. */
  readonly targetArmed?: boolean | undefined;
  /** The actor is a state force: territory taken is then regained by the government. */
  readonly actorIsState?: boolean | undefined;
}

const EXPLOSIONS = 'Explosions/Remote violence';
const STRATEGIC = 'Strategic developments';
const VAC = 'Violence against civilians';

const cat = (eventType: AcledEventType, subEventType: string): AcledCategory => ({ eventType, subEventType });

/** Trigger words that name the kind of remote violence, checked in this order. */
const REMOTE_BY_TRIGGER: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bsuicide\b|\bblew (?:him|her|them)sel(?:f|ves) up\b/i, 'Suicide bomb'],
  [/\bchemical\b|\bnerve agent\b|\bpoison gas\b/i, 'Chemical weapon'],
  [/\bdrones?\b|\bair ?strikes?\b|\bairstrikes?\b|\baerial\b|\bwarplanes?\b/i, 'Air/drone strike'],
  [/\bgrenades?\b/i, 'Grenade'],
  [
    /\bshell(?:s|ing|ed)?\b|\bartillery\b|\bmortars?\b|\bmissiles?\b|\brockets?\b|\bbombard/i,
    'Shelling/artillery/missile attack',
  ],
  [/\bmines?\b|\blandmines?\b|\bied\b|\broadside\b|\bcar bombs?\b/i, 'Remote explosive/landmine/IED'],
];

function remote(trigger: string | undefined, fallback: string): AcledCategory {
  if (trigger !== undefined) {
    for (const [re, sub] of REMOTE_BY_TRIGGER) if (re.test(trigger)) return cat(EXPLOSIONS, sub);
  }
  return cat(EXPLOSIONS, fallback);
}

function assault(input: AcledInput): AcledCategory {
  const mode = (input.mode ?? '').toLowerCase();
  switch (mode) {
    case 'explosives':
      return remote(input.trigger, 'Remote explosive/landmine/IED');
    case 'suicide-attack':
      return cat(EXPLOSIONS, 'Suicide bomb');
    case 'drone':
    case 'aerial':
      return cat(EXPLOSIONS, 'Air/drone strike');
    case 'drone strike':
      // the stage's remote-strike mode also covers rockets, missiles and bombardment
      return remote(input.trigger, 'Air/drone strike');
    case 'heavy-weapons':
      return remote(input.trigger, 'Shelling/artillery/missile attack');
    case 'unconventional':
      return cat(EXPLOSIONS, 'Chemical weapon');
    case 'firearms':
    case 'armed clashes':
      return cat('Battles', 'Armed clash');
    case 'seize territory':
      return cat(
        'Battles',
        input.actorIsState === true ? 'Government regains territory' : 'Non-state actor overtakes territory',
      );
    case 'abduct':
      return cat(VAC, 'Abduction/forced disappearance');
    case 'sexual':
      return cat(VAC, 'Sexual violence');
    case 'crowd-control':
      return cat('Protests', 'Excessive force against protesters');
    case 'destroy':
      return cat(STRATEGIC, 'Looting/property destruction');
    default:
      // attack, kill, beat, torture, targeted, primitive, or no mode
      return input.targetArmed === true ? cat('Battles', 'Armed clash') : cat(VAC, 'Attack');
  }
}

function protest(mode: string): AcledCategory {
  if (mode === 'riot' || mode === 'vandalize') return cat('Riots', 'Violent demonstration');
  return cat('Protests', 'Peaceful protest');
}

function coerce(mode: string): AcledCategory {
  switch (mode) {
    case 'arrest':
      return cat(STRATEGIC, 'Arrests');
    case 'seize':
      return cat(STRATEGIC, 'Disrupted weapons use');
    case 'disperse crowd':
      return cat('Protests', 'Protest with intervention');
    default:
      return cat(STRATEGIC, 'Other');
  }
}

function retreat(mode: string): AcledCategory {
  switch (mode) {
    case 'ceasefire':
      return cat(STRATEGIC, 'Agreement');
    case 'withdraw':
      return cat(STRATEGIC, 'Non-violent transfer of territory');
    case 'disarm':
    case 'resign':
      return cat(STRATEGIC, 'Change to group/activity');
    default:
      return cat(STRATEGIC, 'Other');
  }
}

/**
 * The ACLED event and sub-event type of a PLOVER event, or null when ACLED codes no such event.
 * @example acledCategory({ type: 'COERCE', mode: 'arrest' }) // { eventType: 'Strategic developments', subEventType: 'Arrests' }
 */
export function acledCategory(input: AcledInput): AcledCategory | null {
  const mode = (input.mode ?? '').toLowerCase();
  switch (input.type) {
    case 'ASSAULT':
      return assault(input);
    case 'PROTEST':
      return protest(mode);
    case 'COERCE':
      return coerce(mode);
    case 'RETREAT':
      return retreat(mode);
    case 'AGREE':
      return cat(STRATEGIC, 'Agreement');
    case 'MOBILIZE':
      return cat(STRATEGIC, 'Other');
    default:
      return null;
  }
}
