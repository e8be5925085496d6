/** The behaviour every Store adapter must show, as a vitest suite each adapter's tests run. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ParallaxError } from '../errors.js';
import type { Analysis } from '../model/schema.js';
import { analysisOf } from '../../test/helpers/analysis-builder.js';
import type { RawInput, Store } from './store.js';

/** Three small articles that between them exercise every filter: dated, undated, diacritics. */
export function contractFixtures(): { kharkiv: Analysis; tbilisi: Analysis; zurich: Analysis } {
  const kharkiv = analysisOf(
    'Russian forces shelled Kharkiv on March 4, killing three civilians. Mayor Ihor Terekhov said the strikes hit apartment blocks. The Kremlin denied targeting civilians.',
    {
      published: '2024-03-05',
      outlet: 'Northern Ledger',
      title: 'Shelling in Kharkiv',
      url: 'https://example.test/a',
    },
  )
    .entity('e1', 'GPE', 'Russia', { aliases: ['Russian forces', 'Kremlin'], country: 'RU' })
    .entity('e2', 'GPE', 'Kharkiv', { country: 'UA' })
    .entity('e3', 'PERSON', 'Ihor Terekhov')
    .place('p1', { text: 'Kharkiv', lat: 49.99, lon: 36.23, country: 'UA', entity: 'e2' })
    .event('v1', {
      type: 'ASSAULT',
      trigger: 'shelled',
      actors: ['e1'],
      targets: ['e2'],
      date: { iso: '2024-03-04', text: 'March 4' },
      place: 'p1',
      counts: { killed: 3 },
    })
    .quote('q1', { speaker: 'e3', cue: 'said', content: 'the strikes hit apartment blocks', about: ['e1'] })
    .quote('q2', { speaker: 'e1', cue: 'denied', content: 'targeting civilians', stance: 'deny' })
    .marker('k1', { kind: 'loaded-language', text: 'strikes', voice: 'quote' })
    .build();
  const tbilisi = analysisOf(
    'Protesters gathered in Tbilisi on April 9 to oppose the foreign agents law. Prime Minister Irakli Kobakhidze said the law would pass. Police detained twelve people.',
    { published: '2024-04-10T08:30:00Z', outlet: 'Harbor Times' },
  )
    .entity('e1', 'GPE', 'Tbilisi', { country: 'GE' })
    .entity('e2', 'PERSON', 'Irakli Kobakhidze', { aliases: ['Kobakhidze'] })
    .entity('e3', 'ORG', 'Police')
    .event('v1', { type: 'PROTEST', trigger: 'gathered', date: { iso: '2024-04-09', text: 'April 9' } })
    .event('v2', { type: 'COERCE', trigger: 'detained', actors: ['e3'] })
    .quote('q1', { speaker: 'e2', cue: 'said', content: 'the law would pass', stance: 'claim' })
    .build();
  const zurich = analysisOf(
    'Diplomats met in Zürich to discuss a ceasefire. A spokesperson said talks were constructive.',
    { title: 'Talks in Zürich' },
  )
    .entity('e1', 'GPE', 'Zürich', { country: 'CH' })
    .event('v1', { type: 'CONSULT', trigger: 'met' })
    .quote('q1', {
      speaker: { unresolved: 'A spokesperson' },
      cue: 'said',
      content: 'talks were constructive',
      kind: 'direct',
    })
    .build();
  return { kharkiv, tbilisi, zurich };
}

async function expectError(promise: Promise<unknown>, code: ParallaxError['code']): Promise<ParallaxError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ParallaxError);
  expect((error as ParallaxError).code).toBe(code);
  return error as ParallaxError;
}

export function runStoreContract(name: string, makeStore: () => Store | Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    const fx = contractFixtures();

    beforeEach(async () => {
      store = await makeStore();
      await store.migrate();
    });
    afterEach(async () => {
      await store.close();
    });

    const ingestAll = async (): Promise<void> => {
      for (const a of [fx.kharkiv, fx.tbilisi, fx.zurich]) await store.ingest(a);
    };

    it('starts empty, and migrating again is harmless', async () => {
      await store.migrate();
      expect(await store.stats()).toEqual({
        documents: 0,
        mentions: 0,
        entities: 0,
        quotes: 0,
        events: 0,
        places: 0,
        markers: 0,
      });
    });

    it('round-trips an analysis exactly', async () => {
      const result = await store.ingest(fx.kharkiv);
      expect(result).toEqual({ documentId: fx.kharkiv.document.id, created: true });
      expect(await store.getAnalysis(fx.kharkiv.document.id)).toEqual(fx.kharkiv);
      expect(await store.getAnalysis('doc_missing')).toBeUndefined();
      expect(await store.stats()).toEqual({
        documents: 1,
        mentions: fx.kharkiv.mentions.length,
        entities: 3,
        quotes: 2,
        events: 1,
        places: 1,
        markers: 1,
      });
    });

    it('stores the same article once (idempotent on content hash)', async () => {
      await store.ingest(fx.kharkiv);
      const before = await store.stats();
      const again = await store.ingest(fx.kharkiv);
      expect(again).toEqual({ documentId: fx.kharkiv.document.id, created: false });
      // Same text, other metadata: still the same article, and the first record is kept untouched.
      const relabelled = structuredClone(fx.kharkiv);
      relabelled.document.outlet = 'Someone Else';
      relabelled.entities = [];
      expect((await store.ingest(relabelled)).created).toBe(false);
      expect(await store.stats()).toEqual(before);
      expect(await store.getAnalysis(fx.kharkiv.document.id)).toEqual(fx.kharkiv);
    });

    it('rolls back a failing ingest, leaving the store exactly as it was', async () => {
      await store.ingest(fx.tbilisi);
      const before = await store.stats();
      const docsBefore = await store.findDocuments();
      // Duplicate fact ids pass the schema but violate the store's keys: the failure comes after
      // the document, its full-text row, mentions and entities were already written.
      const broken = structuredClone(fx.kharkiv);
      const [firstMarker] = broken.markers;
      if (!firstMarker) throw new Error('fixture has a marker');
      broken.markers.push({ ...firstMarker });
      const error = await expectError(store.ingest(broken), 'STORE_ERROR');
      expect(error.message).not.toContain('Terekhov');
      expect(error.message).not.toContain(broken.document.text.slice(0, 20));

      expect(await store.stats()).toEqual(before);
      expect(await store.findDocuments()).toEqual(docsBefore);
      expect(await store.getAnalysis(broken.document.id)).toBeUndefined();
      expect(await store.findDocuments({ search: 'Terekhov' })).toEqual([]);
      expect(await store.findQuotes({ search: 'apartment' })).toEqual([]);

      const brokenQuotes = structuredClone(fx.kharkiv);
      brokenQuotes.quotes.push({ ...fx.kharkiv.quotes[0]! });
      await expectError(store.ingest(brokenQuotes), 'STORE_ERROR');
      expect(await store.stats()).toEqual(before);

      // Nothing half-written blocks the article from being stored properly afterwards.
      expect(await store.ingest(fx.kharkiv)).toEqual({ documentId: fx.kharkiv.document.id, created: true });
    });

    it('rejects an analysis that does not match the schema, changing nothing', async () => {
      await store.ingest(fx.tbilisi);
      const before = await store.stats();
      const invalid = structuredClone(fx.kharkiv) as unknown as { events: { type: string }[] };
      invalid.events[0]!.type = 'NOT_A_TYPE';
      await expectError(store.ingest(invalid as unknown as Analysis), 'INPUT_INVALID');
      expect(await store.stats()).toEqual(before);
    });

    describe('with three articles', () => {
      beforeEach(ingestAll);
      const ids = (rows: readonly { documentId: string }[]): string[] => rows.map((r) => r.documentId);

      it('lists documents in ingestion order with their metadata', async () => {
        const docs = await store.findDocuments();
        expect(ids(docs)).toEqual([fx.kharkiv.document.id, fx.tbilisi.document.id, fx.zurich.document.id]);
        expect(docs[0]).toMatchObject({
          contentHash: fx.kharkiv.document.contentHash,
          title: 'Shelling in Kharkiv',
          outlet: 'Northern Ledger',
          published: '2024-03-05',
          url: 'https://example.test/a',
          language: 'en',
          stages: fx.kharkiv.stages,
          length: fx.kharkiv.document.text.length,
        });
        expect(docs[2]?.published).toBeUndefined();
      });

      it('filters documents by type, entity, date range and full text', async () => {
        expect(ids(await store.findDocuments({ type: 'PROTEST' }))).toEqual([fx.tbilisi.document.id]);
        expect(ids(await store.findDocuments({ type: 'PERSON' }))).toEqual([
          fx.kharkiv.document.id,
          fx.tbilisi.document.id,
        ]);
        expect(ids(await store.findDocuments({ entity: 'KREMLIN' }))).toEqual([fx.kharkiv.document.id]);
        expect(ids(await store.findDocuments({ entity: 'zür' }))).toEqual([fx.zurich.document.id]);
        expect(ids(await store.findDocuments({ from: '2024-04-01' }))).toEqual([fx.tbilisi.document.id]);
        expect(ids(await store.findDocuments({ to: '2024-03' }))).toEqual([fx.kharkiv.document.id]);
        expect(ids(await store.findDocuments({ from: '2024', to: '2024' }))).toEqual([
          fx.kharkiv.document.id,
          fx.tbilisi.document.id,
        ]);
        expect(ids(await store.findDocuments({ from: '2024-04-10', to: '2024-04-10' }))).toEqual([
          fx.tbilisi.document.id,
        ]);
        expect(ids(await store.findDocuments({ search: 'ceasefire' }))).toEqual([fx.zurich.document.id]);
        expect(ids(await store.findDocuments({ search: 'zurich' }))).toEqual([fx.zurich.document.id]);
        expect(ids(await store.findDocuments({ search: 'shelling' }))).toEqual([fx.kharkiv.document.id]);
        expect(ids(await store.findDocuments({ search: 'civilians shelled' }))).toEqual([
          fx.kharkiv.document.id,
        ]);
        expect(ids(await store.findDocuments({ search: 'civilians ceasefire' }))).toEqual([]);
      });

      it('treats search text as words, never as query syntax', async () => {
        expect(ids(await store.findDocuments({ search: '"foreign-agents*" (law' }))).toEqual([
          fx.tbilisi.document.id,
        ]);
        expect(await store.findDocuments({ search: 'NEAR(' })).toEqual([]);
        expect(await store.findDocuments({ search: '!!!' })).toEqual([]);
      });

      it('filters entities', async () => {
        const names = (rows: readonly { name: string }[]): string[] => rows.map((r) => r.name);
        expect(names(await store.findEntities())).toEqual([
          'Russia',
          'Kharkiv',
          'Ihor Terekhov',
          'Tbilisi',
          'Irakli Kobakhidze',
          'Police',
          'Zürich',
        ]);
        expect(names(await store.findEntities({ type: 'PERSON' }))).toEqual([
          'Ihor Terekhov',
          'Irakli Kobakhidze',
        ]);
        expect(names(await store.findEntities({ entity: 'russian' }))).toEqual(['Russia']);
        expect(names(await store.findEntities({ entity: 'kobakh' }))).toEqual(['Irakli Kobakhidze']);
        expect(names(await store.findEntities({ from: '2024-04-01', to: '2024-04-30' }))).toEqual([
          'Tbilisi',
          'Irakli Kobakhidze',
          'Police',
        ]);
        expect(names(await store.findEntities({ search: 'ceasefire' }))).toEqual(['Zürich']);
        const [russia] = await store.findEntities({ entity: 'kremlin' });
        expect(russia).toMatchObject({
          ...fx.kharkiv.entities[0],
          documentId: fx.kharkiv.document.id,
          published: '2024-03-05',
        });
      });

      it('filters events, dating undated ones by publication', async () => {
        const keys = (rows: readonly { documentId: string; id: string }[]): string[] =>
          rows.map((r) => `${r.documentId}/${r.id}`);
        const k = fx.kharkiv.document.id;
        const t = fx.tbilisi.document.id;
        const z = fx.zurich.document.id;
        expect(keys(await store.findEvents())).toEqual([`${k}/v1`, `${t}/v1`, `${t}/v2`, `${z}/v1`]);
        expect(keys(await store.findEvents({ type: 'ASSAULT' }))).toEqual([`${k}/v1`]);
        expect(keys(await store.findEvents({ from: '2024-04-09', to: '2024-04-09' }))).toEqual([`${t}/v1`]);
        expect(keys(await store.findEvents({ from: '2024-04-10', to: '2024-04-10' }))).toEqual([`${t}/v2`]);
        expect(keys(await store.findEvents({ to: '2024-03-04' }))).toEqual([`${k}/v1`]);
        expect(keys(await store.findEvents({ entity: 'police' }))).toEqual([`${t}/v2`]);
        expect(keys(await store.findEvents({ entity: 'kharkiv' }))).toEqual([`${k}/v1`]);
        expect(keys(await store.findEvents({ search: 'diplomats' }))).toEqual([`${z}/v1`]);
        const [assault] = await store.findEvents({ type: 'ASSAULT' });
        expect(assault).toMatchObject({
          ...fx.kharkiv.events[0],
          documentId: k,
          evidenceText: 'Russian forces shelled Kharkiv on March 4, killing three civilians.',
          actorRefs: [{ id: 'e1', name: 'Russia' }],
          targetRefs: [{ id: 'e2', name: 'Kharkiv' }],
          placeText: 'Kharkiv',
        });
      });

      it('filters quotes, searching their content', async () => {
        const contents = (rows: readonly { content: { text: string } }[]): string[] =>
          rows.map((r) => r.content.text);
        expect(contents(await store.findQuotes({ type: 'deny' }))).toEqual(['targeting civilians']);
        expect(contents(await store.findQuotes({ type: 'direct' }))).toEqual(['talks were constructive']);
        expect(contents(await store.findQuotes({ entity: 'terekhov' }))).toEqual([
          'the strikes hit apartment blocks',
        ]);
        // Speaker or subject: Russia speaks in q2 and is spoken about in q1.
        expect(contents(await store.findQuotes({ entity: 'russia' }))).toEqual([
          'the strikes hit apartment blocks',
          'targeting civilians',
        ]);
        expect(contents(await store.findQuotes({ search: 'civilians' }))).toEqual(['targeting civilians']);
        expect(contents(await store.findQuotes({ search: 'Protesters' }))).toEqual([]);
        expect(contents(await store.findQuotes({ from: '2024-04-01' }))).toEqual(['the law would pass']);
        const quotes = await store.findQuotes();
        expect(quotes.map((q) => q.speakerName)).toEqual([
          'Ihor Terekhov',
          'Russia',
          'Irakli Kobakhidze',
          'A spokesperson',
        ]);
        expect(quotes[0]).toMatchObject({
          ...fx.kharkiv.quotes[0],
          documentId: fx.kharkiv.document.id,
          evidenceText: 'Mayor Ihor Terekhov said the strikes hit apartment blocks.',
          aboutRefs: [{ id: 'e1', name: 'Russia' }],
        });
      });

      it('pages with limit and offset over a stable order', async () => {
        const all = await store.findEntities();
        const pages = [
          ...(await store.findEntities({ limit: 3 })),
          ...(await store.findEntities({ limit: 3, offset: 3 })),
          ...(await store.findEntities({ limit: 3, offset: 6 })),
        ];
        expect(pages).toEqual(all);
        expect(await store.findEntities({ limit: 0 })).toEqual([]);
        expect(await store.findEntities({ offset: 100 })).toEqual([]);
        expect(ids(await store.findDocuments({ limit: 1, offset: 1 }))).toEqual([fx.tbilisi.document.id]);
        expect(await store.findQuotes({ limit: 2, offset: 1 })).toEqual(
          (await store.findQuotes()).slice(1, 3),
        );
      });

      it('rejects bad paging and dates with BAD_OPTION', async () => {
        await expectError(store.findEntities({ limit: -1 }), 'BAD_OPTION');
        await expectError(store.findEvents({ offset: 1.5 }), 'BAD_OPTION');
        await expectError(store.findDocuments({ from: 'March 2024' }), 'BAD_OPTION');
        await expectError(store.findQuotes({ to: '2024-13-01' }), 'BAD_OPTION');
      });
    });

    describe('raw inputs, revisions and checkpoints', () => {
      const raw = (position: string, body: string, extra: Partial<RawInput> = {}): RawInput => ({
        sourceKey: 'file:/in.jsonl',
        source: '/in.jsonl',
        position,
        kind: 'text',
        meta: { outlet: 'Harbor Times' },
        receivedAt: '2024-04-10T08:00:00.000Z',
        body: new TextEncoder().encode(body),
        ...extra,
      });

      it('keeps inputs exactly as received, pending until settled, with the checkpoint moved atomically', async () => {
        const bytes = new Uint8Array([0xff, 0x00, 0x41, 0xe9]);
        const ids = await store.recordRawInputs([raw('line 1', 'a'), raw('line 2', '', { body: bytes })], {
          sourceKey: 'file:/in.jsonl',
          source: '/in.jsonl',
          position: 42,
          records: 2,
          finished: false,
        });
        expect(ids).toHaveLength(2);
        const pending = await store.rawInputs({ status: 'pending', sourceKey: 'file:/in.jsonl' });
        expect(pending.map((r) => r.position)).toEqual(['line 1', 'line 2']);
        expect(Array.from(pending[1]!.body)).toEqual(Array.from(bytes));
        expect(pending[0]!.meta).toEqual({ outlet: 'Harbor Times' });
        expect(await store.getCheckpoint('file:/in.jsonl')).toEqual({
          sourceKey: 'file:/in.jsonl',
          source: '/in.jsonl',
          position: 42,
          records: 2,
          finished: false,
        });
        expect(await store.getCheckpoint('file:/other')).toBeUndefined();
        const settled = await store.settleRawInputs([
          { rawId: ids[0]!, kind: 'analysis', analysis: fx.kharkiv, fetchedAt: '2024-04-10T08:00:00Z' },
          { rawId: ids[1]!, kind: 'rejected', error: 'line 2: not JSON' },
        ]);
        expect(settled.map((s) => s.status)).toEqual(['ingested', 'rejected']);
        expect(await store.rawInputs({ status: 'pending' })).toEqual([]);
        const [rejected] = await store.rawInputs({ status: 'rejected' });
        expect(rejected?.error).toBe('line 2: not JSON');
        expect(await store.documentIdForHash(fx.kharkiv.document.contentHash)).toBe(fx.kharkiv.document.id);
        expect(await store.documentIdForHash('0'.repeat(64))).toBeUndefined();
      });

      it('stores changed text at the same URL as the next revision, the newest current', async () => {
        const url = 'https://example.test/story';
        const first = analysisOf('Police detained twelve people in Tbilisi.', { url }).build();
        const second = analysisOf('Police detained fifteen people in Tbilisi.', { url }).build();
        const ids = await store.recordRawInputs([raw('a', '1'), raw('b', '2'), raw('c', '3'), raw('d', '4')]);
        const settled = await store.settleRawInputs([
          { rawId: ids[0]!, kind: 'analysis', analysis: first, url, fetchedAt: '2024-04-10T08:00:00Z' },
          { rawId: ids[1]!, kind: 'analysis', analysis: second, url, fetchedAt: '2024-04-10T09:00:00Z' },
          {
            rawId: ids[2]!,
            kind: 'known',
            contentHash: second.document.contentHash,
            url,
            fetchedAt: '2024-04-10T10:00:00Z',
          },
        ]);
        expect(settled.map((s) => [s.status, s.revision])).toEqual([
          ['ingested', 1],
          ['revised', 2],
          ['duplicate', 2],
        ]);
        expect(new Set(settled.map((s) => s.documentId))).toEqual(new Set([first.document.id]));
        const revisions = await store.revisions(url);
        expect(revisions.map((r) => [r.revision, r.versionId, r.current, r.fetchedAt])).toEqual([
          [1, first.document.id, false, '2024-04-10T08:00:00Z'],
          [2, second.document.id, true, '2024-04-10T09:00:00Z'],
        ]);
        expect(await store.revisions(second.document.id)).toEqual(revisions);
        // Queries see the current text only; both texts stay readable.
        expect((await store.findDocuments()).map((d) => d.documentId)).toEqual([second.document.id]);
        expect(await store.getAnalysis(first.document.id)).toEqual(first);
        // Reverting to the first text is a third revision, without storing the text again.
        const [revert] = await store.settleRawInputs([
          {
            rawId: ids[3]!,
            kind: 'known',
            contentHash: first.document.contentHash,
            url,
            fetchedAt: '2024-04-11T08:00:00Z',
          },
        ]);
        expect(revert).toMatchObject({ status: 'revised', revision: 3 });
        expect((await store.findDocuments()).map((d) => d.documentId)).toEqual([first.document.id]);
        expect((await store.stats()).documents).toBe(2);
      });

      it('replaces an analysis in place, full-text index included', async () => {
        await store.ingest(fx.kharkiv);
        const bare = analysisOf(fx.kharkiv.document.text, {
          published: '2024-03-05',
          outlet: 'Northern Ledger',
          title: 'Shelling in Kharkiv',
          url: 'https://example.test/a',
        }).build();
        expect(bare.document).toEqual(fx.kharkiv.document);
        await store.replaceAnalysis(bare);
        expect(await store.getAnalysis(fx.kharkiv.document.id)).toEqual(bare);
        expect(await store.findQuotes({ search: 'civilians' })).toEqual([]);
        expect((await store.stats()).quotes).toBe(0);
        await store.replaceAnalysis(fx.kharkiv);
        expect((await store.findQuotes({ search: 'civilians' })).length).toBe(1);
        await expectError(store.replaceAnalysis(fx.zurich), 'INPUT_INVALID');
      });

      it('remembers feed validators and the items already seen', async () => {
        expect(await store.getFeedState('https://example.test/feed')).toBeUndefined();
        await store.setFeedState({ url: 'https://example.test/feed', etag: '"v1"', polledAt: 'now' });
        expect(await store.getFeedState('https://example.test/feed')).toEqual({
          url: 'https://example.test/feed',
          etag: '"v1"',
          polledAt: 'now',
        });
        expect(await store.unseenFeedItems('https://example.test/feed', ['a', 'b'])).toEqual(['a', 'b']);
        expect(await store.markFeedItems('https://example.test/feed', ['a', 'b'])).toEqual(['a', 'b']);
        expect(await store.unseenFeedItems('https://example.test/feed', ['b', 'c'])).toEqual(['c']);
        expect(await store.markFeedItems('https://example.test/feed', ['b', 'c'])).toEqual(['c']);
        expect(await store.unseenFeedItems('https://example.test/other', ['a'])).toEqual(['a']);
      });

      it('keeps authors and metadata sources with a new document', async () => {
        const [id] = await store.recordRawInputs([raw('line 1', 'x')]);
        const metadata = { authors: ['Maria Santos'], sources: { title: 'json-ld', published: 'opengraph' } };
        await store.settleRawInputs([
          { rawId: id!, kind: 'analysis', analysis: fx.zurich, fetchedAt: 'now', metadata },
        ]);
        expect(await store.getDocumentMetadata(fx.zurich.document.id)).toEqual(metadata);
        expect(await store.getDocumentMetadata(fx.kharkiv.document.id)).toBeUndefined();
      });
    });
  });
}
