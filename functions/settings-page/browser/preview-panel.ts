import type { ProgramSettings } from '../../../shared/programs/program-settings';
import type { MappingPreview, PreviewTab } from '../../../shared/settings/mapping-preview';
import { h, replaceContent } from './dom';
import { ApiError, type ApiClient } from './settings-api-client';

/**
 * "Preview before Save", on each tab: what the current, unsaved mapping would write to Attio for
 * a real sample record of the program's Partnero data, value by value with the attribute it
 * lands in, and what would be refused and why. Asking for it writes nothing to either side.
 */
export function previewSection(tab: PreviewTab, settings: ProgramSettings, api: ApiClient): HTMLElement {
  const result = h('div', { dataset: { testid: `preview-${tab}` }, attrs: { 'aria-live': 'polite' } });
  const button = h('button', { className: 'button button--ghost', attrs: { type: 'button' }, dataset: { testid: `preview-button-${tab}` } }, 'Preview with a sample record');
  button.addEventListener('click', () => {
    button.setAttribute('disabled', '');
    replaceContent(result, h('p', { className: 'muted', text: 'Reading a sample record from Partnero…' }));
    api
      .post<MappingPreview>('/preview', { tab, settings })
      .then((preview) => replaceContent(result, previewTable(preview)))
      .catch((error: unknown) => replaceContent(result, h('p', { className: 'notice notice--bad', attrs: { role: 'alert' } }, error instanceof ApiError ? error.message : 'The preview could not be made.')))
      .finally(() => button.removeAttribute('disabled'));
  });
  return h(
    'section',
    { className: 'card form-card' },
    h('div', { className: 'card-head' }, h('h3', { text: 'Preview' }), h('p', { className: 'muted', text: 'What these settings, saved or not, would write to Attio for one real record from Partnero. Nothing is written.' })),
    button,
    result,
  );
}

function previewTable(preview: MappingPreview): HTMLElement {
  const wrapper = h('div', {});
  if (preview.sample) wrapper.append(h('p', { className: 'muted', text: `Sample: Partnero ${preview.sample.kind === 'transaction' ? 'sale' : preview.sample.kind} ${preview.sample.id} → Attio ${preview.object}` }));
  for (const note of preview.notes) wrapper.append(h('p', { className: 'muted', text: note }));
  if (preview.values.length === 0) return wrapper;
  const body = h('tbody');
  for (const value of preview.values) {
    const tone = value.outcome === 'write' ? 'ok' : value.outcome === 'refused' ? 'bad' : 'warn';
    const label = value.outcome === 'write' ? 'Written' : value.outcome === 'refused' ? 'Refused' : 'Empty';
    body.append(
      h(
        'tr',
        { dataset: { testid: 'preview-row', outcome: value.outcome } },
        h('td', {}, h('code', { text: value.attribute }), value.type ? h('span', { className: 'muted', text: ` ${value.type}` }) : null),
        h('td', { className: 'truncate' }, value.write ?? ''),
        h('td', {}, h('span', { className: `badge badge--${tone}`, text: label })),
        h('td', { className: 'muted' }, value.reason ?? ''),
      ),
    );
  }
  wrapper.append(
    h(
      'div',
      { className: 'table-scroll' },
      h('table', { className: 'events' }, h('thead', {}, h('tr', {}, ...['Attio attribute', 'Value', 'Outcome', 'Why'].map((heading) => h('th', { attrs: { scope: 'col' }, text: heading })))), body),
    ),
  );
  return wrapper;
}
