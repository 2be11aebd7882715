import type { SyncHistoryPage } from '../../../shared/settings/sync-history';
import type { AuditDirection } from '../../../shared/sync/audit-log';
import { h, option, replaceContent } from './dom';
import { entryHead, entryRow, type EntryColumn } from './history-entry';
import { directionLabels, recordLabel } from './plain-words';
import { ApiError, type ApiClient } from './settings-api-client';

interface HistoryFilter {
  readonly record: string;
  readonly direction: AuditDirection | '';
}

/**
 * The History tab: the program's sync history, newest first, a page at a time ("Show older"),
 * narrowed to one direction or one record. A record in the table is a button that narrows the
 * history to it. The tab sits inside the settings form, so nothing here submits: Enter in the
 * record field applies the filter instead of saving the settings.
 */
export function createHistoryPanel(container: HTMLElement, api: ApiClient) {
  let filter: HistoryFilter = { record: '', direction: '' };
  let nextCursor: string | null = null;
  let loaded = false;
  let busy = false;

  const recordInput = h('input', {
    id: 'history-record',
    className: 'input',
    attrs: {
      type: 'search',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: 'e.g. partner:abc123 or an email',
      'aria-describedby': 'history-record-hint',
    },
  });
  const directionSelect = h(
    'select',
    { id: 'history-direction', className: 'select' },
    option('', 'All directions', true),
  );
  for (const [value, label] of Object.entries(directionLabels)) directionSelect.append(option(value, label, false));
  const summary = h('p', {
    id: 'history-summary',
    className: 'muted history-summary',
    attrs: { role: 'status', 'aria-live': 'polite' },
  });
  const body = h('tbody');
  const table = h(
    'table',
    { className: 'events history-table', attrs: { 'aria-describedby': 'history-summary' } },
    h('caption', { className: 'sr-only', text: 'Sync history, newest first' }),
    entryHead(historyColumns),
    body,
  );
  const empty = h('p', { className: 'muted empty-events', text: 'No entries match.' });
  const moreButton = h(
    'button',
    {
      className: 'button button--ghost',
      attrs: { type: 'button' },
      dataset: { focusKey: 'history-more' },
      on: { click: () => void load(true) },
    },
    'Show older entries',
  );
  const problem = h('div', { attrs: { 'aria-live': 'assertive' } });
  summary.textContent = 'Loading the history…';
  empty.hidden = true;
  moreButton.hidden = true;

  const apply = () => {
    filter = { record: recordInput.value.trim(), direction: directionSelect.value as HistoryFilter['direction'] };
    void load(false);
  };
  recordInput.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    apply();
  });
  directionSelect.addEventListener('change', apply);

  replaceContent(
    container,
    h(
      'section',
      { className: 'card history-card', attrs: { 'aria-labelledby': 'history-title' } },
      h(
        'div',
        { className: 'card-head' },
        h('h3', { id: 'history-title', text: 'Sync history' }),
        h('p', { className: 'muted', text: 'Every event the sync handled, newest first, with what became of it.' }),
      ),
      h(
        'div',
        { className: 'history-filters', attrs: { role: 'search', 'aria-label': 'Filter the sync history' } },
        h(
          'div',
          { className: 'field' },
          h('label', { className: 'label', attrs: { for: 'history-record' }, text: 'Record' }),
          recordInput,
          h('p', {
            className: 'hint',
            id: 'history-record-hint',
            text: 'A record as the history names it; or pick one in the table.',
          }),
        ),
        h(
          'div',
          { className: 'field' },
          h('label', { className: 'label', attrs: { for: 'history-direction' }, text: 'Direction' }),
          directionSelect,
        ),
        h(
          'div',
          { className: 'history-actions' },
          h('button', { className: 'button button--primary', attrs: { type: 'button' }, on: { click: apply } }, 'Show'),
          h(
            'button',
            { className: 'button button--ghost', attrs: { type: 'button' }, on: { click: () => showRecord('') } },
            'Clear',
          ),
        ),
      ),
      problem,
      summary,
      h('div', { className: 'table-scroll' }, table),
      empty,
      h('div', { className: 'history-more' }, moreButton),
    ),
  );

  function showRecord(record: string): void {
    recordInput.value = record;
    if (record === '') directionSelect.value = '';
    apply();
    recordInput.focus();
  }

  async function load(older: boolean): Promise<void> {
    if (busy) return;
    busy = true;
    container.setAttribute('aria-busy', 'true');
    moreButton.disabled = true;
    replaceContent(problem);
    try {
      const query = new URLSearchParams({ limit: '25' });
      if (filter.record) query.set('record', filter.record);
      if (filter.direction) query.set('direction', filter.direction);
      if (older && nextCursor) query.set('cursor', nextCursor);
      const page = await api.get<SyncHistoryPage>(`/history?${query.toString()}`);
      if (!older) body.replaceChildren();
      for (const entry of page.entries) body.append(entryRow(entry, historyColumns, showRecord));
      nextCursor = page.nextCursor;
      const shown = body.rows.length;
      const scope = filter.record ? ` for ${recordLabel(filter.record)}` : '';
      summary.textContent = `${shown} ${shown === 1 ? 'entry' : 'entries'}${scope}, newest first · kept for ${page.retentionDays} days`;
      table.hidden = shown === 0;
      empty.hidden = shown > 0;
      moreButton.hidden = nextCursor === null;
      loaded = true;
    } catch (error) {
      replaceContent(
        problem,
        h(
          'div',
          { className: 'notice notice--bad', attrs: { role: 'alert' } },
          error instanceof ApiError ? error.message : 'The history could not be loaded.',
        ),
      );
    } finally {
      busy = false;
      moreButton.disabled = false;
      container.removeAttribute('aria-busy');
    }
  }

  return {
    /** Loads the newest entries the first time the tab is shown; later visits keep what was read. */
    setVisible(visible: boolean): void {
      if (visible && !loaded) void load(false);
    },
  };
}

const historyColumns: readonly EntryColumn[] = ['when', 'direction', 'event', 'record', 'outcome', 'details'];
