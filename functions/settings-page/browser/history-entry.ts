import type { AuditEntry } from '../../../shared/sync/audit-log';
import { formatDateTime, formatRelative, h } from './dom';
import { directionLabels, eventLabel, outcomeBadge, plainDetails, recordLabel } from './plain-words';

export type EntryColumn = 'when' | 'direction' | 'event' | 'record' | 'outcome' | 'details';

const headings: Readonly<Record<EntryColumn, string>> = {
  when: 'When',
  direction: 'Direction',
  event: 'What happened',
  record: 'Record',
  outcome: 'Outcome',
  details: 'Details',
};

/**
 * One sync-history entry as a table row, in plain words, for the History and Status tabs. Each
 * cell carries its column name (`data-label`), so on a narrow screen the stylesheet turns rows
 * into cards that still say what each value is. The operator's text stays under "Technical details".
 */
export function entryRow(
  entry: AuditEntry,
  columns: readonly EntryColumn[],
  showRecord?: (record: string) => void,
): HTMLTableRowElement {
  const cells: Record<EntryColumn, () => HTMLTableCellElement> = {
    when: () =>
      cell(
        'when',
        { className: 'nowrap' },
        h('time', {
          attrs: { datetime: entry.at, title: formatDateTime(entry.at) },
          text: showRecord ? formatDateTime(entry.at) : formatRelative(entry.at),
        }),
      ),
    direction: () => cell('direction', { className: 'nowrap' }, directionLabels[entry.direction] ?? entry.direction),
    event: () => cell('event', {}, eventLabel(entry.sourceEvent)),
    record: () =>
      cell(
        'record',
        { className: 'record-cell' },
        showRecord
          ? h(
              'button',
              {
                className: 'link-button',
                attrs: { type: 'button', title: `Show the history of ${recordLabel(entry.sourceRecord)}` },
                dataset: { record: entry.sourceRecord },
                on: { click: () => showRecord(entry.sourceRecord) },
              },
              recordLabel(entry.sourceRecord),
            )
          : h('span', { attrs: { title: entry.sourceRecord } }, recordLabel(entry.sourceRecord)),
      ),
    outcome: () => {
      const badge = outcomeBadge(entry);
      return cell('outcome', {}, h('span', { className: `badge badge--${badge.tone}`, text: badge.label }));
    },
    details: () => {
      const plain = plainDetails(entry);
      return cell(
        'details',
        { className: 'details-cell' },
        // One child, so the narrow-screen card keeps it in the value column beside "Details".
        h(
          'div',
          { className: 'entry-details' },
          h('p', { className: 'entry-text', text: plain.text }),
          plain.action ? h('p', { className: 'entry-action', text: plain.action }) : null,
          h(
            'details',
            { className: 'technical' },
            h('summary', { text: 'Technical details' }),
            h(
              'p',
              { className: 'muted small' },
              h('code', { text: entry.sourceEvent }),
              ' ',
              h('code', { text: entry.sourceRecord }),
              entry.targetRecord ? h('span', {}, ' → ', h('code', { text: entry.targetRecord })) : null,
            ),
            h('p', { className: 'muted small technical-reason', text: entry.reason }),
          ),
        ),
      );
    },
  };
  return h('tr', {}, ...columns.map((column) => cells[column]()));
}

export function entryHead(columns: readonly EntryColumn[]): HTMLTableSectionElement {
  return h(
    'thead',
    {},
    h(
      'tr',
      {},
      ...columns.map((column) =>
        h('th', { className: `col-${column}`, attrs: { scope: 'col' }, text: headings[column] }),
      ),
    ),
  );
}

function cell(
  column: EntryColumn,
  options: { className?: string },
  ...children: (Node | string | null)[]
): HTMLTableCellElement {
  return h(
    'td',
    { className: [`col-${column}`, options.className].filter(Boolean).join(' '), dataset: { label: headings[column] } },
    ...children,
  );
}
