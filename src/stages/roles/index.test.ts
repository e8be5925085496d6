/** The events.roles stage with the shipped model, on text written for this test. */
import { describe, expect, it } from 'vitest';
import { defaultPipeline } from '../../analyze.js';
import { createDocument } from '../../model/document.js';
import { STAGE } from './index.js';

// the pipeline up to this stage: what it sees in the default pipeline, without the later stages
const analyze = (text: string) => defaultPipeline('en').runUntil(STAGE, createDocument(text));

describe('events.roles', () => {
  it('attaches tagged perpetrators and targets to violent events, with spans into the text', () => {
    const text =
      'urban guerrillas attacked the police station in the town with rifles and grenades last night, killing a police officer.';
    const a = analyze(text);
    const args = a.events.flatMap((e) => e.arguments ?? []);
    expect(args.length).toBeGreaterThan(0);
    for (const arg of args) {
      expect(a.document.text.slice(arg.span.start, arg.span.end)).toBe(arg.text);
      expect(arg.stage).toBe('events.roles@1');
    }
    // miss: no perpetrator, target or victim runs into its event's trigger ("guerrillas attacked")
    for (const e of a.events) {
      for (const arg of e.arguments ?? []) {
        if (arg.role === 'instrument') continue;
        const overlaps = arg.span.start < e.trigger.span.end && e.trigger.span.start < arg.span.end;
        expect(overlaps).toBe(false);
      }
    }
    const byRole = (role: string): string[] => args.filter((x) => x.role === role).map((x) => x.text);
    expect(byRole('perpetrator-individual')).toContain('urban guerrillas');
    expect(byRole('target')).toContain('police station');
  });

  it('leaves events other than ASSAULT and COERCE without arguments (miss: a meeting)', () => {
    const a = analyze('The foreign minister met his counterpart in the capital on Monday.');
    expect(a.events.flatMap((e) => e.arguments ?? [])).toEqual([]);
  });
});
