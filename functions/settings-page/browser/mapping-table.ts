import type { FieldMapping } from '../../../shared/programs/program-settings';
import {
  attioTypeLabel,
  checkMapping,
  compatibleAttioTypes,
  findPartneroField,
  isMappableAttribute,
  partneroFields,
  type AttioAttributeSummary,
  type PartneroRecordKind,
} from '../../../shared/settings/mapping-compatibility';
import { h, option } from './dom';
import { clearIssues, showIssues } from './field-issues';

export interface MappingTableOptions {
  readonly tab: 'partners' | 'customers' | 'deals';
  readonly kind: PartneroRecordKind;
  /** Edited in place. */
  readonly rows: FieldMapping[];
  readonly attributes: readonly AttioAttributeSummary[];
  /** e.g. "People": where the attributes live. */
  readonly objectLabel: string;
  readonly onChange: () => void;
  /** A row was added or removed: the table is drawn again. */
  readonly onRowsChanged: () => void;
}

/**
 * One tab's field mapping: a list of rows "Partnero field → Attio attribute". The attribute
 * list shows the attributes that fit the chosen field first; picking one that does not fit is
 * refused on the spot with the reason (the same rule the server applies on Save).
 */
export function mappingTable(options: MappingTableOptions): HTMLElement {
  const { tab, kind, rows } = options;
  const mappable = options.attributes.filter(isMappableAttribute);
  const list = h('ol', { className: 'mapping-rows' });
  const container = h(
    'div',
    { className: 'mapping', dataset: { path: `${tab}.fieldMappings` }, attrs: { role: 'group', 'aria-label': `Field mapping to ${options.objectLabel}` } },
    h('div', { className: 'mapping-head', attrs: { 'aria-hidden': 'true' } }, h('span', { text: 'Partnero field' }), h('span'), h('span', { text: `Attio attribute (${options.objectLabel})` }), h('span')),
    list,
  );

  rows.forEach((row, index) => list.append(mappingRow(options, mappable, row, index, container)));
  if (rows.length === 0) list.append(h('li', { className: 'mapping-empty', text: 'No fields mapped. Only the sync’s own ID and source attributes are written.' }));

  const used = new Set(rows.map((row) => row.partneroField));
  const nextField = partneroFields[kind].find((field) => !used.has(field.name)) ?? partneroFields[kind][0];
  container.append(
    h(
      'button',
      {
        className: 'button button--ghost add-row',
        attrs: { type: 'button', disabled: rows.length >= 50 },
        dataset: { focusKey: `${tab}.add-row` },
        on: {
          click: () => {
            rows.push({ partneroField: nextField?.name ?? '', attioAttribute: '' });
            options.onChange();
            options.onRowsChanged();
          },
        },
      },
      h('span', { attrs: { 'aria-hidden': 'true' }, text: '+ ' }),
      'Add a field',
    ),
  );
  return container;
}

function mappingRow(options: MappingTableOptions, mappable: readonly AttioAttributeSummary[], row: FieldMapping, index: number, container: HTMLElement): HTMLElement {
  const { tab, kind, rows } = options;
  const fieldPath = `${tab}.fieldMappings.${index}.partneroField`;
  const attributePath = `${tab}.fieldMappings.${index}.attioAttribute`;
  const fieldId = `${tab}-map-${index}-field`;
  const attributeId = `${tab}-map-${index}-attribute`;

  const fieldSelect = h('select', { id: fieldId, className: 'select', dataset: { path: fieldPath } });
  for (const field of partneroFields[kind]) fieldSelect.append(option(field.name, field.label, field.name === row.partneroField));
  if (!findPartneroField(kind, row.partneroField)) fieldSelect.prepend(option(row.partneroField, row.partneroField || 'Choose a field…', true));

  const attributeSelect = h('select', { id: attributeId, className: 'select', dataset: { path: attributePath } });
  fillAttributeOptions(attributeSelect, kind, row, mappable);

  const recheck = () => {
    clearIssues(container, `${tab}.fieldMappings.${index}.`);
    if (!row.attioAttribute) return;
    const attribute = options.attributes.find((candidate) => candidate.slug === row.attioAttribute);
    const check = checkMapping(kind, row.partneroField, row.attioAttribute, attribute);
    if (!check.ok) showIssues(container, [{ path: attributePath, message: check.message }]);
  };
  fieldSelect.addEventListener('change', () => {
    row.partneroField = fieldSelect.value;
    fillAttributeOptions(attributeSelect, kind, row, mappable);
    options.onChange();
    recheck();
  });
  attributeSelect.addEventListener('change', () => {
    row.attioAttribute = attributeSelect.value;
    options.onChange();
    recheck();
  });

  const label = findPartneroField(kind, row.partneroField)?.label ?? row.partneroField;
  return h(
    'li',
    { className: 'mapping-row' },
    h('div', { className: 'field' }, h('label', { className: 'sr-only', attrs: { for: fieldId }, text: `Partnero field, row ${index + 1}` }), fieldSelect),
    h('span', { className: 'mapping-arrow', attrs: { 'aria-hidden': 'true' }, text: '→' }),
    h('div', { className: 'field' }, h('label', { className: 'sr-only', attrs: { for: attributeId }, text: `Attio attribute for row ${index + 1}` }), attributeSelect),
    h(
      'button',
      {
        className: 'icon-button',
        attrs: { type: 'button', 'aria-label': `Remove row ${index + 1} (${label})`, title: 'Remove' },
        on: {
          click: () => {
            rows.splice(index, 1);
            options.onChange();
            options.onRowsChanged();
          },
        },
      },
      h('span', { attrs: { 'aria-hidden': 'true' }, text: '×' }),
    ),
  );
}

/** Attributes that fit the field first, then the others (picking one of those is refused with a reason). */
function fillAttributeOptions(select: HTMLSelectElement, kind: PartneroRecordKind, row: FieldMapping, mappable: readonly AttioAttributeSummary[]): void {
  const field = findPartneroField(kind, row.partneroField);
  const fits = new Set(field ? compatibleAttioTypes[field.kind] : []);
  const label = (attribute: AttioAttributeSummary) => `${attribute.title} · ${attioTypeLabel(attribute.type)}`;
  const good = mappable.filter((attribute) => fits.has(attribute.type));
  const other = mappable.filter((attribute) => !fits.has(attribute.type));
  select.replaceChildren(option('', 'Choose an attribute…', row.attioAttribute === ''));
  const goodGroup = h('optgroup', { attrs: { label: field ? `Fits ${field.label}` : 'Attributes' } });
  for (const attribute of good) goodGroup.append(option(attribute.slug, label(attribute), attribute.slug === row.attioAttribute));
  if (good.length > 0) select.append(goodGroup);
  const otherGroup = h('optgroup', { attrs: { label: 'Other attributes (not compatible)' } });
  for (const attribute of other) otherGroup.append(option(attribute.slug, label(attribute), attribute.slug === row.attioAttribute));
  if (other.length > 0) select.append(otherGroup);
  if (row.attioAttribute && !mappable.some((attribute) => attribute.slug === row.attioAttribute)) {
    select.append(option(row.attioAttribute, `${row.attioAttribute} (not available)`, true));
  }
}
