import type { AttentionEntry } from '../../../shared/settings/needs-attention';
import { formatRelative, h } from './dom';
import { ApiError, type ApiClient } from './settings-api-client';

/**
 * Needs attention, on the Status tab: the records the sync cannot finish without a person, as the
 * status data lists them (`needsAttention`), each with what happened, what to change in Attio or
 * Partnero, and Retry. Retry asks the service to queue the record again through the normal path
 * (a deal pays at most once); the entry leaves the list by itself once the record goes through.
 */
export function needsAttentionSection(
  entries: readonly AttentionEntry[] | null,
  api: ApiClient,
  onRetried: () => void,
): HTMLElement {
  const section = h(
    'section',
    {
      className: 'card attention-card',
      attrs: { 'aria-labelledby': 'status-attention' },
      dataset: { testid: 'needs-attention' },
    },
    h('h3', { id: 'status-attention', text: 'Needs attention' }),
    h('p', {
      className: 'muted',
      text:
        'Records the sync cannot finish without you: what happened, what to change, and Retry once ' +
        'it is changed. Fixed records leave this list by themselves.',
    }),
  );
  if (entries === null) {
    section.append(h('p', { className: 'muted', text: 'The list could not be read right now.' }));
    return section;
  }
  if (entries.length === 0) {
    section.append(
      h('p', {
        className: 'status-value',
        dataset: { testid: 'needs-attention-empty' },
        text: 'Nothing needs attention.',
      }),
    );
    return section;
  }
  const list = h('ul', { className: 'attention-list plain-list' });
  for (const entry of entries) list.append(entryItem(entry, api, onRetried));
  section.append(list);
  return section;
}

function entryItem(entry: AttentionEntry, api: ApiClient, onRetried: () => void): HTMLElement {
  const status = h('p', { className: 'muted', attrs: { role: 'status' } });
  const retry = h(
    'button',
    {
      className: 'button button--ghost',
      attrs: { type: 'button', disabled: entry.retry === null },
      dataset: { testid: 'attention-retry' },
    },
    'Retry',
  );
  retry.addEventListener('click', () => {
    retry.setAttribute('disabled', '');
    status.textContent = 'Queued again…';
    api
      .post('/needs-attention/retry', { id: entry.id })
      .then(() => {
        status.textContent = 'Queued again: it leaves this list once the sync gets it through.';
        window.setTimeout(onRetried, 1_500);
      })
      .catch((error: unknown) => {
        retry.removeAttribute('disabled');
        status.textContent = error instanceof ApiError ? error.message : 'The retry could not be sent.';
      });
  });
  return h(
    'li',
    { className: 'attention-item', dataset: { testid: 'attention-entry', kind: entry.kind } },
    h('strong', { text: entry.title }),
    h('span', { className: 'muted', attrs: { title: entry.at }, text: ` · ${formatRelative(entry.at)}` }),
    h('p', {}, h('span', { className: 'muted', text: 'What happened: ' }), entry.happened),
    h('p', {}, h('span', { className: 'muted', text: 'What to change: ' }), entry.fix),
    retry,
    status,
  );
}
