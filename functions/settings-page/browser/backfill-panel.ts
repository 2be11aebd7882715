import type { BackfillKindProgress, BackfillProgress } from '../../../shared/backfill/backfill-progress';
import type { BackfillKind, BackfillKindState, BackfillTrigger } from '../../../shared/backfill/backfill-records';
import type { RequestedBackfill } from '../../../shared/backfill/backfill-requests';
import { formatDateTime, h, replaceContent } from './dom';
import type { ApiClient } from './settings-api-client';
import { ApiError } from './settings-api-client';

const kindLabels: Record<BackfillKind, string> = {
  partner: 'Partners',
  customer: 'Customers',
  transaction: 'Sales (deals)',
};
const kindOrder: readonly BackfillKind[] = ['partner', 'customer', 'transaction'];
const stateLabels: Record<BackfillKindState, { label: string; tone: string }> = {
  pending: { label: 'Waiting', tone: 'info' },
  listing: { label: 'Reading Partnero', tone: 'info' },
  syncing: { label: 'Syncing', tone: 'warn' },
  done: { label: 'Done', tone: 'ok' },
};
const triggerLabels: Record<BackfillTrigger, string> = {
  'sync-start': 'when the sync started',
  connect: 'when Attio was connected',
  admin: 'by the support team',
  settings: 'from this page',
};
const runLabels: Record<BackfillProgress['state'], string> = {
  pending: 'Waiting to start',
  running: 'Running',
  done: 'Done',
};

/** Polling while a run is under way: quick enough to watch the counts move, slow enough to cost nothing. */
const RUNNING_POLL_MS = 2_000;

/**
 * "Existing records" on the Status tab: the latest backfill per kind of record, and a button
 * that asks for a new one. It has its own container because the status panel redraws whole.
 */
export function createBackfillPanel(container: HTMLElement, api: ApiClient, options: { readonly canStart: boolean }) {
  let timer: number | undefined;
  let visible = false;
  let loading = false;
  /** The run last drawn, so its finishing is announced once to whoever watched it run. */
  let shown: Pick<BackfillProgress, 'runId' | 'state'> | undefined;
  const progressArea = h('div', { id: 'backfill-progress' }, h('p', { className: 'muted', text: 'Loading…' }));
  const answer = h('p', {
    id: 'backfill-answer',
    className: 'backfill-answer',
    attrs: { role: 'status', 'aria-live': 'polite' },
    dataset: { tone: 'idle' },
  });
  const boxes = Object.fromEntries(
    kindOrder.map((kind) => {
      const input = h('input', {
        id: `backfill-kind-${kind}`,
        attrs: { type: 'checkbox', name: 'backfill-kind', value: kind },
      });
      input.checked = kind === 'partner';
      return [kind, input];
    }),
  ) as Record<BackfillKind, HTMLInputElement>;
  const startButton = h(
    'button',
    { className: 'button button--ghost', attrs: { type: 'button' }, on: { click: () => void start() } },
    'Sync existing records',
  );

  replaceContent(
    container,
    h(
      'section',
      { className: 'card events-card backfill-card', attrs: { 'aria-labelledby': 'backfill-title' } },
      h('h3', { id: 'backfill-title', text: 'Existing records' }),
      h('p', {
        className: 'muted small',
        text: 'Records that were already in Partnero before the sync started are copied to Attio by a backfill.',
      }),
      progressArea,
      options.canStart
        ? h(
            'div',
            { className: 'backfill-start' },
            h(
              'fieldset',
              { className: 'backfill-kinds' },
              h('legend', { text: 'Sync these existing records to Attio' }),
              ...kindOrder.map((kind) =>
                h(
                  'label',
                  { className: 'checkbox', attrs: { for: `backfill-kind-${kind}` } },
                  boxes[kind],
                  ` ${kindLabels[kind]}`,
                ),
              ),
            ),
            startButton,
          )
        : h('p', { className: 'muted', text: 'Connect Attio to sync existing records.' }),
      answer,
    ),
  );

  function say(text: string, tone: 'idle' | 'ok' | 'bad' | 'info'): void {
    answer.textContent = text;
    answer.dataset.tone = tone;
  }

  function schedule(progress: BackfillProgress | null): void {
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
    if (visible && progress && progress.state !== 'done')
      timer = window.setTimeout(() => void refresh(), RUNNING_POLL_MS);
  }

  async function refresh(): Promise<void> {
    if (loading) return;
    loading = true;
    progressArea.setAttribute('aria-busy', 'true');
    try {
      const { progress } = await api.get<{ progress: BackfillProgress | null }>('/backfill');
      render(progress);
      schedule(progress);
    } catch (error) {
      replaceContent(
        progressArea,
        h(
          'div',
          { className: 'notice notice--bad', attrs: { role: 'alert' } },
          error instanceof ApiError ? error.message : 'The backfill progress could not be loaded.',
        ),
      );
    } finally {
      loading = false;
      progressArea.removeAttribute('aria-busy');
    }
  }

  function render(progress: BackfillProgress | null): void {
    if (progress?.state === 'done' && shown?.runId === progress.runId && shown.state !== 'done')
      say(finishedText(progress), 'ok');
    shown = progress ? { runId: progress.runId, state: progress.state } : undefined;
    if (!progress) {
      replaceContent(
        progressArea,
        h('p', {
          className: 'muted',
          dataset: { testid: 'backfill-none' },
          text: 'No existing records have been synced yet.',
        }),
      );
      return;
    }
    const summary = `${runLabels[progress.state]} · asked ${triggerLabels[progress.trigger]} ${formatDateTime(progress.requestedAt)}${progress.finishedAt ? ` · finished ${formatDateTime(progress.finishedAt)}` : ''}`;
    replaceContent(
      progressArea,
      h('p', {
        className: 'muted small',
        dataset: { testid: 'backfill-summary', state: progress.state },
        text: summary,
      }),
      progress.kinds.length === 0
        ? h('p', { className: 'muted', text: 'That run had no kind of record to sync.' })
        : h(
            'div',
            { className: 'table-scroll' },
            h(
              'table',
              { className: 'events backfill-table' },
              h('caption', { className: 'sr-only', text: 'Latest sync of existing records, per kind of record' }),
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ...['Records', 'State', 'Progress', 'Rejected', 'Started', 'Finished'].map((heading) =>
                    h('th', { attrs: { scope: 'col' }, text: heading }),
                  ),
                ),
              ),
              h('tbody', {}, ...progress.kinds.map(kindRow)),
            ),
          ),
    );
  }

  async function start(): Promise<void> {
    const kinds = kindOrder.filter((kind) => boxes[kind].checked);
    if (kinds.length === 0) {
      say('Choose at least one kind of record to sync.', 'bad');
      boxes.partner.focus();
      return;
    }
    startButton.disabled = true;
    say('Asking…', 'info');
    try {
      const requested = await api.post<RequestedBackfill>('/backfill', { kinds });
      say(answerText(requested), requested.started && (requested.progress?.kinds.length ?? 0) > 0 ? 'ok' : 'info');
      render(requested.progress);
      schedule(requested.progress);
    } catch (error) {
      say(
        error instanceof ApiError ? error.message : 'The sync of existing records could not be started. Try again.',
        'bad',
      );
    } finally {
      startButton.disabled = false;
    }
  }

  return {
    refresh,
    /** Reads the progress when the tab opens; polls only while a run is under way and the tab is open. */
    setVisible(isVisible: boolean): void {
      visible = isVisible;
      if (isVisible) void refresh();
      else schedule(null);
    },
  };
}

function answerText(requested: RequestedBackfill): string {
  const skipped =
    requested.skippedKinds.length > 0
      ? ` Left out because their sync is off: ${requested.skippedKinds.map((kind) => kindLabels[kind].toLowerCase()).join(', ')}.`
      : '';
  if (!requested.started)
    return `A sync of existing records is still running; it goes on and its progress is shown below.${skipped}`;
  if (!requested.progress || requested.progress.kinds.length === 0)
    return `Nothing to sync: none of the chosen kinds is synced.${skipped}`;
  return `Started: existing ${requested.progress.kinds.map((kind) => kindLabels[kind.kind].toLowerCase()).join(', ')} are being synced to Attio.${skipped}`;
}

function finishedText(progress: BackfillProgress): string {
  const counts = progress.kinds.map(
    (kind) =>
      `${kind.done} of ${kind.total} ${kindLabels[kind.kind].toLowerCase()}${kind.rejected > 0 ? ` (${kind.rejected} rejected: see the History tab)` : ''}`,
  );
  return `Existing records synced: ${counts.join(', ')}.`;
}

function kindRow(kind: BackfillKindProgress): HTMLElement {
  const state = stateLabels[kind.state];
  const counted = kind.totalKnown
    ? `${kind.done} of ${kind.total}`
    : `${kind.done} of ${kind.total} so far · counting…`;
  const bar = h('progress', {
    attrs: { max: String(Math.max(kind.total, 1)), 'aria-label': `${kindLabels[kind.kind]} synced` },
  });
  if (kind.totalKnown) bar.value = kind.total === 0 ? 1 : kind.done;
  else bar.removeAttribute('value');
  return h(
    'tr',
    { dataset: { kind: kind.kind, state: kind.state } },
    h('th', { attrs: { scope: 'row' }, text: kindLabels[kind.kind] }),
    h('td', {}, h('span', { className: `badge badge--${state.tone}`, text: state.label })),
    h('td', { className: 'nowrap' }, bar, ' ', h('span', { dataset: { testid: 'backfill-count' }, text: counted })),
    h('td', { className: kind.rejected > 0 ? 'tone-bad' : 'muted', text: String(kind.rejected) }),
    h('td', { className: 'nowrap muted', text: formatDateTime(kind.startedAt) }),
    h('td', { className: 'nowrap muted', text: formatDateTime(kind.finishedAt) }),
  );
}
