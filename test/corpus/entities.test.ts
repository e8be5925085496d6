/** One real-world entity across articles: merged rows, and entity filters that follow aliases from other articles. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { analysisOf } from '../helpers/analysis-builder.js';

describe('entities across documents', () => {
  let dir = '';
  let store: SqliteStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parallax-entities-'));
    store = openSqliteStore(join(dir, 'store.db'));
    await store.migrate();
    const first = analysisOf('Amina Rahmani, the interior minister, met border officials in Iran.', {
      published: '2025-05-01',
    })
      .entity('e1', 'PERSON', 'Amina Rahmani', { aliases: ['the interior minister'] })
      .entity('e2', 'GPE', 'Iran', { knowledgeKey: 'country:IR', country: 'IR' })
      .build();
    const second = analysisOf('Rahmani ordered more patrols. Tehran said the border was calm.', {
      published: '2025-05-02',
    })
      .entity('e1', 'PERSON', 'Rahmani')
      .entity('e2', 'GPE', 'Iran', { aliases: ['Tehran'], knowledgeKey: 'country:IR', country: 'IR' })
      .event('v1', { type: 'MOBILIZE', trigger: 'ordered', actors: ['e1'] })
      .build();
    const unrelated = analysisOf('Jonas Rahmani and Lea Rahmani opened a bakery.', {
      published: '2025-05-02',
    })
      .entity('e1', 'PERSON', 'Jonas Rahmani')
      .entity('e2', 'PERSON', 'Lea Rahmani')
      .build();
    await store.ingest(first);
    await store.ingest(second);
    await store.ingest(unrelated);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists one row per real-world entity, with every alias any article used', async () => {
    const rows = await store.findCorpusEntities({ type: 'GPE' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: 'country:IR', name: 'Iran', documents: 2 });
    expect(rows[0]?.aliases).toEqual(['Iran', 'Tehran']);
  });

  it('ties a bare surname to its one full name in the store, and never guesses between two', async () => {
    const people = await store.findCorpusEntities({ type: 'PERSON' });
    const amina = people.find((p) => p.name === 'Amina Rahmani');
    // three people share the surname, so "Rahmani" alone stays its own row
    expect(amina?.documents).toBe(1);
    expect(people.map((p) => p.name).sort()).toEqual([
      'Amina Rahmani',
      'Jonas Rahmani',
      'Lea Rahmani',
      'Rahmani',
    ]);
  });

  it('finds an article by a description another article gave the entity', async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'parallax-entities-'));
    store = openSqliteStore(join(dir, 'store.db'));
    await store.migrate();
    await store.ingest(
      analysisOf('Amina Rahmani, the interior minister, met border officials.', { published: '2025-05-01' })
        .entity('e1', 'PERSON', 'Amina Rahmani', { aliases: ['the interior minister'] })
        .build(),
    );
    await store.ingest(
      analysisOf('Rahmani ordered more patrols.', { published: '2025-05-02' })
        .entity('e1', 'PERSON', 'Rahmani')
        .event('v1', { type: 'MOBILIZE', trigger: 'ordered', actors: ['e1'] })
        .build(),
    );
    const events = await store.findEvents({ entity: 'interior minister' });
    expect(events.map((e) => e.trigger.text)).toEqual(['ordered']);
    const merged = await store.findCorpusEntities({ type: 'PERSON' });
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ name: 'Amina Rahmani', documents: 2 });
    expect(merged[0]?.aliases).toEqual(['Amina Rahmani', 'Rahmani', 'the interior minister']);
  });
});
