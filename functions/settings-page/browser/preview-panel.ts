import type { ProgramSettings } from '../../../shared/programs/program-settings';
import type { PartneroSidePreview } from '../../../shared/settings/customer-preview';
import type { MappingPreview, PreviewTab } from '../../../shared/settings/mapping-preview';
import { h, replaceContent } from './dom';
import { ApiError, type ApiClient } from './settings-api-client';

/**
 * "Preview before Save", on each tab: what the current, unsaved mapping would write to Attio for
 * a real sample record of the program's Partnero data, value by value with the attribute it
 * lands in, and what would be refused and why. On the Customers tab also the other way: what it
 * would write to Partnero for a real Attio person. Asking for it writes nothing to either side.
 */
export function previewSection(tab: PreviewTab, settings: ProgramSettings, api: ApiClient): HTMLElement {
  const result = h('div', { dataset: { testid: `preview-${tab}` }, attrs: { 'aria-live': 'polite' } });
  const button = h(
    'button',
    { className: 'button button--ghost', attrs: { type: 'button' }, dataset: { testid: `preview-button-${tab}` } },
    'Preview with a sample record',
  );
  button.addEventListener('click', () => {
    button.setAttribute('disabled', '');
    replaceContent(result, h('p', { className: 'muted', text: 'Reading a sample record from Partnero…' }));
    api
      .post<MappingPreview>('/preview', { tab, settings })
      .then((preview) => replaceContent(result, previewTable(preview)))
      .catch((error: unknown) =>
        replaceContent(
          result,
          h(
            'p',
            { className: 'notice notice--bad', attrs: { role: 'alert' } },
            error instanceof ApiError ? error.message : 'The preview could not be made.',
          ),
        ),
      )
      .finally(() => button.removeAttribute('disabled'));
  });
  return h(
    'section',
    { className: 'card form-card' },
    h(
      'div',
      { className: 'card-head' },
      h('h3', { text: 'Preview' }),
      h('p', {
        className: 'muted',
        text:
          tab === 'customers'
            ? 'What these settings, saved or not, would write to Attio for one real customer from ' +
              'Partnero, and to Partnero for one real person from Attio. Nothing is written.'
            : 'What these settings, saved or not, would write to Attio for one real record from Partnero. Nothing is written.',
      }),
    ),
    button,
    result,
  );
}

function previewTable(preview: MappingPreview): HTMLElement {
  const wrapper = h(
    'div',
    { dataset: { testid: 'preview-to-attio' } },
    preview.partnero ? h('h4', { text: 'To Attio' }) : null,
  );
  if (preview.sample)
    wrapper.append(
      h('p', {
        className: 'muted',
        text: `Sample: Partnero ${preview.sample.kind === 'transaction' ? 'sale' : preview.sample.kind} ${preview.sample.id} → Attio ${preview.object}`,
      }),
    );
  for (const note of preview.notes) wrapper.append(h('p', { className: 'muted', text: note }));
  if (preview.values.length > 0) {
    const rows = preview.values.map((value) =>
      outcomeRow(
        value.outcome,
        h(
          'td',
          {},
          h('code', { text: value.attribute }),
          value.type ? h('span', { className: 'muted', text: ` ${value.type}` }) : null,
        ),
        value.write,
        value.reason,
      ),
    );
    wrapper.append(valueTable('Attio attribute', rows));
  }
  if (!preview.partnero) return wrapper;
  return h('div', {}, wrapper, partneroSide(preview.partnero));
}

/** Attio -> Partnero: the customer fields the person's sync would send, and what Partnero would refuse or keep. */
function partneroSide(preview: PartneroSidePreview): HTMLElement {
  const wrapper = h(
    'div',
    { dataset: { testid: 'preview-to-partnero', action: preview.action } },
    h('h4', { text: 'To Partnero' }),
  );
  if (preview.sample)
    wrapper.append(
      h('p', {
        className: 'muted',
        text: `Sample: Attio person ${preview.sample.email ?? preview.sample.recordId} → Partnero customer${preview.customer ? ` ${preview.customer}` : ''}`,
      }),
    );
  for (const note of preview.notes) wrapper.append(h('p', { className: 'muted', text: note }));
  if (preview.values.length === 0) return wrapper;
  const rows = preview.values.map((value) =>
    outcomeRow(
      value.outcome,
      h(
        'td',
        {},
        h('code', { text: value.field }),
        value.attribute ? h('span', { className: 'muted', text: ` from ${value.attribute}` }) : null,
      ),
      value.write,
      value.reason,
    ),
  );
  wrapper.append(valueTable('Partnero field', rows));
  return wrapper;
}

const outcomeLabels = {
  write: ['ok', 'Written'],
  refused: ['bad', 'Refused'],
  empty: ['warn', 'Empty'],
  unchanged: ['info', 'Unchanged'],
} as const;

function outcomeRow(
  outcome: keyof typeof outcomeLabels,
  target: HTMLElement,
  write: string | null,
  reason: string | null,
): HTMLElement {
  const [tone, label] = outcomeLabels[outcome];
  return h(
    'tr',
    { dataset: { testid: 'preview-row', outcome } },
    target,
    h('td', { className: 'truncate' }, write ?? ''),
    h('td', {}, h('span', { className: `badge badge--${tone}`, text: label })),
    h('td', { className: 'muted' }, reason ?? ''),
  );
}

function valueTable(targetHeading: string, rows: HTMLElement[]): HTMLElement {
  return h(
    'div',
    { className: 'table-scroll' },
    h(
      'table',
      { className: 'events' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...[targetHeading, 'Value', 'Outcome', 'Why'].map((heading) =>
            h('th', { attrs: { scope: 'col' }, text: heading }),
          ),
        ),
      ),
      h('tbody', {}, ...rows),
    ),
  );
}
