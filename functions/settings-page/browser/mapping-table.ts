import type { FieldMapping } from '../../../shared/programs/program-settings';
import {
  attioTypeLabel,
  checkMapping,
  findPartneroField,
  isMappableAttribute,
  managedDealAttributes,
  partneroFields,
  partneroValueLabel,
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
  // Writable attributes, and for deals also those the sync manages: shown, disabled, with the reason.
  const mappable = options.attributes.filter(
    (attribute) =>
      isMappableAttribute(attribute) ||
      (kind === 'transaction' && attribute.slug in managedDealAttributes && attribute.isWritable),
  );
  const list = h('ol', { className: 'mapping-rows' });
  const container = h(
    'div',
    {
      className: 'mapping',
      dataset: { path: `${tab}.fieldMappings` },
      attrs: { role: 'group', 'aria-label': `Field mapping to ${options.objectLabel}` },
    },
    h(
      'div',
      { className: 'mapping-head', attrs: { 'aria-hidden': 'true' } },
      h('span', { text: 'Partnero field' }),
      h('span'),
      h('span', { text: `Attio attribute (${options.objectLabel})` }),
      h('span'),
    ),
    list,
  );

  rows.forEach((row, index) => list.append(mappingRow(options, mappable, row, index, container)));
  if (rows.length === 0)
    list.append(
      h('li', {
        className: 'mapping-empty',
        text: 'No fields mapped. Only the sync’s own ID and source attributes are written.',
      }),
    );

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

function mappingRow(
  options: MappingTableOptions,
  mappable: readonly AttioAttributeSummary[],
  row: FieldMapping,
  index: number,
  container: HTMLElement,
): HTMLElement {
  const { tab, kind, rows } = options;
  const fieldPath = `${tab}.fieldMappings.${index}.partneroField`;
  const attributePath = `${tab}.fieldMappings.${index}.attioAttribute`;
  const fieldId = `${tab}-map-${index}-field`;
  const attributeId = `${tab}-map-${index}-attribute`;

  const fieldSelect = h('select', { id: fieldId, className: 'select', dataset: { path: fieldPath } });
  for (const field of partneroFields[kind])
    fieldSelect.append(option(field.name, field.label, field.name === row.partneroField));
  if (!findPartneroField(kind, row.partneroField))
    fieldSelect.prepend(option(row.partneroField, row.partneroField || 'Choose a field…', true));

  const typeHint = h('p', { className: 'source-type', id: `${fieldId}-type` });
  const showType = () => {
    const source = findPartneroField(kind, row.partneroField);
    typeHint.textContent = source ? `Holds ${partneroValueLabel(source.kind)}` : '';
  };
  showType();
  fieldSelect.setAttribute('aria-describedby', typeHint.id);
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
    showType();
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
    h(
      'div',
      { className: 'field' },
      h('label', { className: 'sr-only', attrs: { for: fieldId }, text: `Partnero field, row ${index + 1}` }),
      fieldSelect,
      typeHint,
    ),
    h('span', { className: 'mapping-arrow', attrs: { 'aria-hidden': 'true' }, text: '→' }),
    h(
      'div',
      { className: 'field' },
      h('label', { className: 'sr-only', attrs: { for: attributeId }, text: `Attio attribute for row ${index + 1}` }),
      attributeSelect,
    ),
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

/**
 * Attributes that fit the field first; the others are listed disabled, each with the reason, so
 * nobody has to pick one to learn it does not fit (the server refuses them on Save all the same).
 * The saved choice stays selectable even when it no longer fits, so its row can say why.
 */
function fillAttributeOptions(
  select: HTMLSelectElement,
  kind: PartneroRecordKind,
  row: FieldMapping,
  mappable: readonly AttioAttributeSummary[],
): void {
  const field = findPartneroField(kind, row.partneroField);
  const label = (attribute: AttioAttributeSummary) => `${attribute.title} · ${attioTypeLabel(attribute.type)}`;
  const checked = mappable.map((attribute) => ({
    attribute,
    check: checkMapping(kind, row.partneroField, attribute.slug, attribute),
  }));
  select.replaceChildren(option('', 'Choose an attribute…', row.attioAttribute === ''));
  const goodGroup = h('optgroup', { attrs: { label: field ? `Fits ${field.label}` : 'Attributes' } });
  for (const { attribute } of checked.filter(({ check }) => check.ok))
    goodGroup.append(option(attribute.slug, label(attribute), attribute.slug === row.attioAttribute));
  if (goodGroup.children.length > 0) select.append(goodGroup);
  const otherGroup = h('optgroup', { attrs: { label: 'Not available for this field' } });
  for (const { attribute, check } of checked.filter(({ check }) => !check.ok)) {
    const reason = shortReason(kind, attribute, field);
    const choice = option(attribute.slug, `${label(attribute)} — ${reason}`, attribute.slug === row.attioAttribute);
    choice.disabled = attribute.slug !== row.attioAttribute;
    if (!check.ok) choice.title = check.message;
    otherGroup.append(choice);
  }
  if (otherGroup.children.length > 0) select.append(otherGroup);
  if (row.attioAttribute && !mappable.some((attribute) => attribute.slug === row.attioAttribute)) {
    select.append(option(row.attioAttribute, `${row.attioAttribute} (not in Attio)`, true));
  }
}

function shortReason(
  kind: PartneroRecordKind,
  attribute: AttioAttributeSummary,
  field: ReturnType<typeof findPartneroField>,
): string {
  if (kind === 'transaction' && attribute.slug in managedDealAttributes) return 'set by the sync';
  if (!attribute.isWritable) return 'read-only';
  return field ? `cannot hold ${partneroValueLabel(field.kind)}` : 'choose a field first';
}
