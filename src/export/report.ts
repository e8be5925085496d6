/** Human-readable reports of one analysis: Markdown and plain-text tables, each fact with its source text. */
import type { Analysis, Source } from '../model/schema.js';

function describe(analysis: Analysis) {
  const text = analysis.document.text;
  const entityName = new Map(analysis.entities.map((e) => [e.id, e.name]));
  const placeText = new Map(analysis.places.map((p) => [p.id, p.text]));
  const names = (ids: readonly string[]): string => ids.map((id) => entityName.get(id) ?? id).join(', ');
  const source = (s: Source): string =>
    s.kind === 'entity'
      ? (entityName.get(s.entity) ?? s.entity)
      : s.kind === 'outlet'
        ? '(outlet)'
        : `${s.text} (unresolved)`;
  const slice = (s: { start: number; end: number }): string =>
    text.slice(s.start, s.end).replace(/\s+/g, ' ');
  const at = (s: { start: number; end: number }): string => `[${s.start}–${s.end}]`;
  return { names, source, slice, at, placeText };
}

export function toMarkdown(analysis: Analysis): string {
  const { names, source, slice, at, placeText } = describe(analysis);
  const doc = analysis.document;
  const lines: string[] = [];
  lines.push(`# Analysis of ${doc.title ?? doc.url ?? doc.id}`, '');
  const meta = [
    `published ${doc.published ?? 'unknown'}`,
    doc.outlet && `outlet ${doc.outlet}`,
    `language ${doc.language}`,
    `${analysis.sentences.length} sentences, ${analysis.tokens.length} tokens`,
  ];
  lines.push(meta.filter(Boolean).join(' · '), '');

  lines.push(`## Entities (${analysis.entities.length})`, '');
  for (const e of analysis.entities) {
    const roles = e.roles.length > 0 ? ` — ${e.roles.map((r) => r.title).join('; ')}` : '';
    const country = e.country ? ` (${e.country})` : '';
    lines.push(`- **${e.name}** ${e.type}${country}${roles}: ${e.aliases.map((a) => `“${a}”`).join(', ')}`);
  }
  lines.push('', `## Quotes (${analysis.quotes.length})`, '');
  for (const q of analysis.quotes) {
    lines.push(
      `- **${source(q.speaker)}** ${q.stance} (${q.kind}, cue “${q.cue.text}”): “${q.content.text}” ${at(q.content.span)}`,
    );
  }
  lines.push('', `## Events (${analysis.events.length})`, '');
  for (const ev of analysis.events) {
    const parts = [
      `**${ev.type}**${ev.mode ? ` / ${ev.mode}` : ''}`,
      ev.actors.length > 0 && `by ${names(ev.actors)}`,
      ev.targets.length > 0 && `against ${names(ev.targets)}`,
      ev.date && `on ${ev.date.iso} (${ev.date.precision})`,
      ev.place && `in ${placeText.get(ev.place) ?? ev.place}`,
      Object.keys(ev.counts).length > 0 &&
        Object.entries(ev.counts)
          .map(([k, c]) => `${k} ${c.qualifier === 'exact' ? '' : `${c.qualifier} `}${c.value}`)
          .join(', '),
      ev.attributes.length > 0 && `[${ev.attributes.join(', ')}]`,
    ];
    lines.push(`- ${parts.filter(Boolean).join(' · ')}`, `  > ${slice(ev.evidence)} ${at(ev.evidence)}`);
  }
  lines.push('', `## Places (${analysis.places.length})`, '');
  for (const p of analysis.places) {
    lines.push(
      `- ${p.text}: ${p.kind}, ${p.country}, ${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}${p.metonymy ? ' (stands for its government)' : ''} ${at(p.span)}`,
    );
  }
  lines.push('', `## Markers (${analysis.markers.length})`, '');
  for (const m of analysis.markers) {
    lines.push(
      `- ${m.kind} (${m.voice} voice)${m.refersTo ? ` → ${names([m.refersTo])}` : ''}: “${slice(m.span)}” ${at(m.span)}`,
    );
  }
  lines.push('', `## Conflicts (${analysis.conflicts.length})`, '');
  const quoteById = new Map(analysis.quotes.map((q) => [q.id, q]));
  for (const c of analysis.conflicts) {
    const a = quoteById.get(c.a);
    const b = quoteById.get(c.b);
    lines.push(
      `- ${c.about}: ${a ? source(a.speaker) : c.a} (${a?.stance}) vs ${b ? source(b.speaker) : c.b} (${b?.stance}) — ${c.reason}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) =>
    Math.min(60, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))),
  );
  const cut = (s: string, w: number): string => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => cut(c, widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function toTable(analysis: Analysis): string {
  const { names, source, placeText } = describe(analysis);
  const out: string[] = [];
  out.push(`ENTITIES (${analysis.entities.length})`);
  out.push(
    table(
      ['type', 'name', 'mentions', 'aliases'],
      analysis.entities.map((e) => [e.type, e.name, String(e.mentions.length), e.aliases.join('; ')]),
    ),
  );
  out.push('', `QUOTES (${analysis.quotes.length})`);
  out.push(
    table(
      ['speaker', 'stance', 'kind', 'cue', 'content'],
      analysis.quotes.map((q) => [source(q.speaker), q.stance, q.kind, q.cue.text, q.content.text]),
    ),
  );
  out.push('', `EVENTS (${analysis.events.length})`);
  out.push(
    table(
      ['type', 'mode', 'actors', 'targets', 'date', 'place', 'counts'],
      analysis.events.map((ev) => [
        ev.type,
        ev.mode ?? '',
        names(ev.actors),
        names(ev.targets),
        ev.date?.iso ?? '',
        ev.place ? (placeText.get(ev.place) ?? '') : '',
        Object.entries(ev.counts)
          .map(([k, c]) => `${k}=${c.value}`)
          .join(' '),
      ]),
    ),
  );
  out.push('', `PLACES (${analysis.places.length})`);
  out.push(
    table(
      ['text', 'kind', 'country', 'lat', 'lon'],
      analysis.places.map((p) => [p.text, p.kind, p.country, p.lat.toFixed(4), p.lon.toFixed(4)]),
    ),
  );
  out.push('', `MARKERS (${analysis.markers.length})`);
  out.push(
    table(
      ['kind', 'voice', 'text'],
      analysis.markers.map((m) => [m.kind, m.voice, m.text]),
    ),
  );
  return `${out.join('\n')}\n`;
}
