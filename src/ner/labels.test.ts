/** BILOU labels: conversion from IOB1, transition constraints and span decoding. */
import { describe, expect, it } from 'vitest';
import { LABELS, allowed, spansOf, toLabelIds } from './labels.js';

const names = (tags: readonly string[]): string[] => [...toLabelIds(tags)].map((l) => LABELS[l] ?? '?');

describe('toLabelIds', () => {
  it('reads IOB1 like conlleval and writes BILOU', () => {
    expect(names(['I-PER', 'I-PER', 'B-PER', 'O', 'I-LOC', 'I-ORG', 'I-ORG', 'I-ORG'])).toEqual([
      'B-PER',
      'L-PER',
      'U-PER',
      'O',
      'U-LOC',
      'B-ORG',
      'I-ORG',
      'L-ORG',
    ]);
  });
});

describe('allowed', () => {
  it('keeps names well formed', () => {
    const id = (name: string): number => LABELS.indexOf(name);
    expect(allowed(-1, id('B-PER'))).toBe(true);
    expect(allowed(-1, id('I-PER'))).toBe(false);
    expect(allowed(id('B-PER'), id('L-PER'))).toBe(true);
    expect(allowed(id('B-PER'), id('L-ORG'))).toBe(false);
    expect(allowed(id('B-PER'), id('O'))).toBe(false);
    expect(allowed(id('U-PER'), id('B-PER'))).toBe(true);
    expect(allowed(id('L-LOC'), id('I-LOC'))).toBe(false);
  });
});

describe('spansOf', () => {
  it('decodes well-formed and ill-formed sequences', () => {
    const ids = (tags: string[]): number[] => tags.map((t) => LABELS.indexOf(t));
    expect(spansOf(ids(['B-PER', 'L-PER', 'U-PER', 'O', 'U-LOC']))).toEqual([
      { typeIndex: 0, start: 0, end: 2 },
      { typeIndex: 0, start: 2, end: 3 },
      { typeIndex: 2, start: 4, end: 5 },
    ]);
    // A B- left open at the end, and a stray I- after O, still make spans.
    expect(spansOf(ids(['O', 'I-ORG', 'O', 'B-MISC']))).toEqual([
      { typeIndex: 1, start: 1, end: 2 },
      { typeIndex: 3, start: 3, end: 4 },
    ]);
  });

  it('round-trips gold tags', () => {
    const tags = ['I-ORG', 'I-ORG', 'O', 'I-PER', 'B-PER', 'I-PER', 'O'];
    expect(spansOf(toLabelIds(tags))).toEqual([
      { typeIndex: 1, start: 0, end: 2 },
      { typeIndex: 0, start: 3, end: 4 },
      { typeIndex: 0, start: 4, end: 6 },
    ]);
  });
});
