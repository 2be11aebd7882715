import type { AuditEntry } from '../../../shared/sync/audit-log';
import type { StatusReport, WebhookHealth } from '../../../shared/settings/status-report';
import { formatDateTime, formatRelative, h, replaceContent, type Child } from './dom';
import type { ApiClient } from './settings-api-client';
import { ApiError } from './settings-api-client';
import { entryHead, entryRow, type EntryColumn } from './history-entry';
import { needsAttentionSection } from './needs-attention';

/** One card of the status grid, labelled by its heading. */
function statusCard(key: string, title: string, ...children: Child[]): HTMLElement {
  return h(
    'section',
    { className: 'card status-card', attrs: { 'aria-labelledby': key } },
    h('h3', { id: key, text: title }),
    ...children,
  );
}

/** A card's headline value, red when it is bad news. */
function statusValue(testid: string, bad: boolean, text: string): HTMLElement {
  return h('p', { className: `status-value ${bad ? 'tone-bad' : ''}`, dataset: { testid } }, text);
}

/**
 * The Status tab: connection, webhook health as each provider reports it, the last events each
 * way with what became of them, and the dead-letter queues. Refreshed while it is open.
 */
export function createStatusPanel(container: HTMLElement, api: ApiClient, onDisconnect: () => void) {
  let timer: number | undefined;
  let loading = false;

  async function refresh(): Promise<void> {
    if (loading) return;
    loading = true;
    container.setAttribute('aria-busy', 'true');
    try {
      render(await api.get<StatusReport>('/status'));
    } catch (error) {
      replaceContent(
        container,
        h(
          'div',
          { className: 'notice notice--bad', attrs: { role: 'alert' } },
          error instanceof ApiError ? error.message : 'The status could not be loaded.',
        ),
      );
    } finally {
      loading = false;
      container.removeAttribute('aria-busy');
    }
  }

  function render(report: StatusReport): void {
    const attio = report.attio;
    const syncCard = statusCard(
      'status-sync',
      'Sync',
      statusValue('status-sync', !report.sync.started, report.sync.started ? 'Started' : 'Not started'),
      h('p', { className: 'muted', dataset: { testid: 'status-sync-detail' } }, report.sync.detail),
      report.sync.startedAt
        ? h('p', { className: 'muted', text: `Since ${formatDateTime(report.sync.startedAt)}` })
        : null,
    );
    const setupIssues = attio.connected ? attio.setupIssues : [];
    const setupCard =
      setupIssues.length === 0
        ? null
        : statusCard(
            'status-setup',
            'Attio needs a change',
            h(
              'ul',
              { className: 'plain-list', dataset: { testid: 'status-setup-issues' } },
              ...setupIssues.map((issue) => h('li', {}, issue.message)),
            ),
          );
    setupCard?.setAttribute('role', 'alert');
    const attioCard = statusCard(
      'status-attio',
      'Attio workspace',
      attio.connected
        ? h(
            'div',
            {},
            h('p', { className: 'status-value', dataset: { testid: 'status-workspace' } }, attio.workspaceName),
            h('p', { className: 'muted', text: `Connected ${formatDateTime(attio.connectedAt)}` }),
            h('p', {
              className: 'muted',
              text: attio.echoFilter
                ? 'Our own changes are filtered out at Attio.'
                : 'Own-change filter unavailable: reconnect to enable it.',
            }),
            h(
              'button',
              { className: 'button button--danger-ghost', attrs: { type: 'button' }, on: { click: onDisconnect } },
              'Disconnect Attio',
            ),
          )
        : h('p', { className: 'status-value muted', text: 'Not connected' }),
    );
    const webhooksCard = statusCard(
      'status-webhooks',
      'Webhooks',
      h(
        'ul',
        { className: 'health-list' },
        healthItem('Partnero → this service', report.partnero.webhook),
        healthItem(
          'Attio → this service',
          attio.connected ? attio.webhook : { state: 'missing', healthy: false, detail: 'Connect Attio first' },
        ),
      ),
    );
    const dead = report.deadLetters;
    const deadTotal = (dead['partnero-to-attio'] ?? 0) + (dead['attio-to-partnero'] ?? 0);
    const deadCard = statusCard(
      'status-dlq',
      'Dead-letter queues',
      statusValue('status-dlq', deadTotal > 0, deadTotal === 0 ? 'Empty' : `${deadTotal} waiting`),
      h(
        'ul',
        { className: 'plain-list muted' },
        h('li', {}, `Partnero → Attio: ${dead['partnero-to-attio'] ?? 'unknown'}`),
        h('li', {}, `Attio → Partnero: ${dead['attio-to-partnero'] ?? 'unknown'}`),
      ),
    );
    const conflicts = report.conflicts;
    const conflictCard = statusCard(
      'status-conflicts',
      'Conflicts',
      statusValue(
        'status-conflicts',
        conflicts !== null && conflicts.count > 0,
        conflicts === null
          ? 'Unknown'
          : conflicts.count === 0
            ? 'None'
            : `${conflicts.count}${conflicts.atLeast ? '+' : ''} in the history`,
      ),
      h('p', {
        className: 'muted',
        text: 'Records left untouched because they belong to another Partnero record; see History.',
      }),
    );
    replaceContent(
      container,
      h(
        'div',
        { className: 'status-head' },
        h('p', {
          className: 'muted',
          text: `Checked ${formatRelative(report.checkedAt)} · settings version ${report.settings.version}`,
        }),
        h(
          'button',
          {
            className: 'button button--ghost',
            attrs: { type: 'button' },
            dataset: { focusKey: 'status-refresh' },
            on: { click: () => void refresh() },
          },
          'Refresh',
        ),
      ),
      h('div', { className: 'status-grid' }, syncCard, attioCard, webhooksCard, deadCard, conflictCard),
      setupCard,
      needsAttentionSection(report.needsAttention, api, () => void refresh()),
      eventsTable('Partnero → Attio', 'recent-p2a', report.recent['partnero-to-attio']),
      eventsTable('Attio → Partnero', 'recent-a2p', report.recent['attio-to-partnero']),
    );
  }

  return {
    refresh,
    /** Polls every 20 s while the tab is open. */
    setVisible(visible: boolean): void {
      if (timer !== undefined) window.clearInterval(timer);
      timer = undefined;
      if (!visible) return;
      void refresh();
      timer = window.setInterval(() => void refresh(), 20_000);
    },
  };
}

function healthItem(label: string, health: WebhookHealth): HTMLElement {
  const tone = health.healthy ? 'ok' : health.state === 'degraded' || health.state === 'unknown' ? 'warn' : 'bad';
  const stateLabel = {
    active: 'Healthy',
    degraded: 'Degraded',
    inactive: 'Inactive',
    missing: 'Missing',
    unknown: 'Unknown',
  }[health.state];
  return h(
    'li',
    { className: 'health-item' },
    h('span', { className: `dot dot--${tone}`, attrs: { 'aria-hidden': 'true' } }),
    h(
      'span',
      { className: 'health-label' },
      h('strong', { text: label }),
      h('span', { className: 'muted', text: health.detail }),
    ),
    h('span', { className: `badge badge--${tone}`, text: stateLabel }),
  );
}

function eventsTable(title: string, id: string, entries: readonly AuditEntry[]): HTMLElement {
  const section = h(
    'section',
    { className: 'card events-card', attrs: { 'aria-labelledby': id } },
    h('h3', { id, text: `Last events · ${title}` }),
  );
  if (entries.length === 0) {
    section.append(
      h('p', {
        className: 'muted empty-events',
        text: 'No events yet. They appear here as soon as something changes.',
      }),
    );
    return section;
  }
  section.append(
    h(
      'div',
      { className: 'table-scroll' },
      h(
        'table',
        { className: 'events' },
        h('caption', { className: 'sr-only', text: `Last events from ${title}` }),
        entryHead(statusColumns),
        h('tbody', {}, ...entries.map((entry) => entryRow(entry, statusColumns))),
      ),
    ),
  );
  return section;
}

const statusColumns: readonly EntryColumn[] = ['when', 'event', 'record', 'outcome', 'details'];
