import type { PartnerPerformanceSettings, ProgramSettings } from '../../../shared/programs/program-settings';
import { h } from './dom';

type Figure = Exclude<keyof PartnerPerformanceSettings, 'refreshHours'>;

const figures: readonly { readonly key: Figure; readonly label: string; readonly attribute: string }[] = [
  { key: 'clicks', label: 'Clicks', attribute: 'partnero_clicks' },
  { key: 'signups', label: 'Signups', attribute: 'partnero_signups' },
  { key: 'salesCount', label: 'Sales count', attribute: 'partnero_sales_count' },
  { key: 'revenue', label: 'Revenue (per currency)', attribute: 'partnero_revenue' },
  { key: 'commissions', label: 'Commissions paid and pending (per currency)', attribute: 'partnero_commissions' },
  { key: 'referralsCount', label: 'Referred customers', attribute: 'partnero_referrals_count' },
];

/**
 * Partner performance on the Partners tab: which of the figures Partnero keeps for each partner
 * are written to the partner's Attio record, and how often they are refreshed besides every
 * partner change. Unchanged figures are never written again.
 */
export function partnerFiguresSection(settings: ProgramSettings, changed: () => void): HTMLElement {
  const performance = settings.partners.performance;
  const list = h('ul', { className: 'plain-list', dataset: { testid: 'partner-figures' } });
  for (const figure of figures) {
    const id = `figure-${figure.key}`;
    const input = h('input', {
      id,
      attrs: { type: 'checkbox' },
      dataset: { path: `partners.performance.${figure.key}` },
    });
    input.checked = performance[figure.key];
    input.addEventListener('change', () => {
      performance[figure.key] = input.checked;
      changed();
    });
    list.append(
      h(
        'li',
        {},
        h(
          'label',
          { className: 'checkbox', attrs: { for: id } },
          input,
          ` ${figure.label} `,
          h('code', { text: figure.attribute }),
        ),
      ),
    );
  }
  const hours = h('select', { id: 'figure-refresh', dataset: { path: 'partners.performance.refreshHours' } });
  for (const [value, label] of [
    [1, 'Every hour'],
    [6, 'Every 6 hours'],
    [24, 'Daily'],
    [168, 'Weekly'],
  ] as const) {
    const option = h('option', { attrs: { value: String(value) }, text: label });
    option.selected = performance.refreshHours === value;
    hours.append(option);
  }
  if (![1, 6, 24, 168].includes(performance.refreshHours))
    hours.prepend(
      h('option', {
        attrs: { value: String(performance.refreshHours), selected: true },
        text: `Every ${performance.refreshHours} hours`,
      }),
    );
  hours.addEventListener('change', () => {
    performance.refreshHours = Number(hours.value);
    changed();
  });
  return h(
    'section',
    { className: 'card form-card' },
    h(
      'div',
      { className: 'card-head' },
      h('h3', { text: 'Partner performance' }),
      h('p', {
        className: 'muted',
        text:
          "The figures Partnero keeps for each partner, shown on the partner's Attio record. " +
          'They are refreshed whenever the partner changes and on a schedule; a figure that did not change is not written again.',
      }),
    ),
    list,
    h('div', { className: 'field' }, h('label', { attrs: { for: 'figure-refresh' }, text: 'Refresh' }), hours),
  );
}
