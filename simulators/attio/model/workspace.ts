import { randomUUID } from 'node:crypto';
import { AttioApiError, notFound, valueNotFound } from './attio-api-error';
import { attributesOnEveryObject, standardObjects, type AttributeDefinition } from './standard-objects';
import { comparable, normaliseValues, type ValueFields } from './value-writer';

export interface Actor {
  readonly type: 'api-token' | 'workspace-member' | 'system' | 'app';
  readonly id: string | null;
}

export interface StoredStatus {
  id: { workspace_id: string; object_id: string; attribute_id: string; status_id: string };
  title: string;
  is_archived: boolean;
  celebration_enabled: boolean;
  target_time_in_status: null;
}

export interface StoredOption {
  id: { workspace_id: string; object_id: string; attribute_id: string; option_id: string };
  title: string;
  is_archived: boolean;
}

export interface StoredAttribute {
  id: { workspace_id: string; object_id: string; attribute_id: string };
  title: string;
  description: string | null;
  api_slug: string;
  type: string;
  is_system_attribute: boolean;
  is_writable: boolean;
  is_required: boolean;
  is_unique: boolean;
  is_multiselect: boolean;
  is_default_value_enabled: boolean;
  is_archived: boolean;
  default_value: null;
  relationship: null;
  created_at: string;
  /** Both parts are always there, with nulls where they do not apply, as Attio's document requires. */
  config: {
    currency: { default_currency_code: string | null; display_type: string | null };
    record_reference: { allowed_object_ids: string[] | null };
  };
  statuses: StoredStatus[];
  options: StoredOption[];
}

export interface StoredObject {
  id: { workspace_id: string; object_id: string };
  api_slug: string;
  singular_noun: string;
  plural_noun: string;
  created_at: string;
  attributes: StoredAttribute[];
}

export interface StoredRecord {
  id: { workspace_id: string; object_id: string; record_id: string };
  created_at: string;
  /** Who created it: the `created_by` attribute's value (docs standard-objects, "Attributes on every object"). */
  created_by: Actor;
  /** Current values per attribute id, each with Attio's metadata. */
  values: Map<string, Record<string, unknown>[]>;
}

export interface WorkspaceMember {
  id: { workspace_id: string; workspace_member_id: string };
  first_name: string;
  last_name: string;
  avatar_url: null;
  email_address: string;
  access_level: 'admin' | 'member' | 'suspended';
  created_at: string;
}

/** An event the webhooks may deliver. */
export type RecordEvent = Record<string, unknown> & { event_type: string; actor: Actor };

export type WriteMode = 'create' | 'append' | 'overwrite' | 'assert';

/** One Attio workspace: its objects, attributes, records and members, with Attio's write rules. */
export class Workspace {
  readonly objects: StoredObject[] = [];
  readonly records = new Map<string, Map<string, StoredRecord>>();
  readonly members: WorkspaceMember[] = [];

  constructor(
    readonly id: string,
    readonly name: string,
    readonly slug: string,
    private readonly emit: (event: RecordEvent) => void,
  ) {
    for (const definition of standardObjects)
      this.createObject(definition.api_slug, definition.singular_noun, definition.plural_noun, definition.attributes);
  }

  addMember(member: { first_name: string; last_name: string; email_address: string; id?: string }): WorkspaceMember {
    const created: WorkspaceMember = {
      id: { workspace_id: this.id, workspace_member_id: member.id ?? randomUUID() },
      first_name: member.first_name,
      last_name: member.last_name,
      avatar_url: null,
      email_address: member.email_address,
      access_level: 'admin',
      created_at: new Date().toISOString(),
    };
    this.members.push(created);
    return created;
  }

  createObject(
    apiSlug: string,
    singular: string,
    plural: string,
    attributes: readonly AttributeDefinition[] = [],
  ): StoredObject {
    if (this.objects.some((object) => object.api_slug === apiSlug)) {
      // The message is the document's example for `POST /v2/objects` 409.
      throw new AttioApiError(
        409,
        'slug_conflict',
        'Failed to create object. Please ensure your api_slug and names are unique.',
      );
    }
    const object: StoredObject = {
      id: { workspace_id: this.id, object_id: randomUUID() },
      api_slug: apiSlug,
      singular_noun: singular,
      plural_noun: plural,
      created_at: new Date().toISOString(),
      attributes: [],
    };
    this.objects.push(object);
    this.records.set(object.id.object_id, new Map());
    if (attributes.length === 0) {
      for (const definition of attributesOnEveryObject) this.createAttribute(object, definition);
      this.createAttribute(object, { api_slug: 'name', title: 'Name', type: 'text' });
    }
    for (const definition of attributes) this.createAttribute(object, definition);
    return object;
  }

  object(slugOrId: string): StoredObject {
    const object = this.objects.find(
      (candidate) => candidate.api_slug === slugOrId || candidate.id.object_id === slugOrId,
    );
    if (!object) throw notFound(`Object with slug/ID "${slugOrId}"`);
    return object;
  }

  createAttribute(
    object: StoredObject,
    definition: AttributeDefinition & { description?: string | null },
  ): StoredAttribute {
    if (object.attributes.some((attribute) => attribute.api_slug === definition.api_slug)) {
      // The document's example for `POST /v2/{target}/{identifier}/attributes` 409, for an object.
      throw new AttioApiError(
        409,
        'slug_conflict',
        'An attribute with the same API slug already exists on this object. Please choose a different API slug.',
      );
    }
    const attributeId = randomUUID();
    const ids = { workspace_id: this.id, object_id: object.id.object_id, attribute_id: attributeId };
    const attribute: StoredAttribute = {
      id: ids,
      title: definition.title,
      description: definition.description ?? null,
      api_slug: definition.api_slug,
      type: definition.type,
      is_system_attribute: definition.is_system_attribute ?? false,
      // OpenAPI `attribute.is_writable`: "Can only be false when `is_system_attribute` is `true`
      // (user-defined attributes are always writeable)".
      is_writable: definition.is_system_attribute === true ? (definition.is_writable ?? true) : true,
      is_required: definition.is_required ?? false,
      is_unique: definition.is_unique ?? false,
      is_multiselect: definition.is_multiselect ?? false,
      is_default_value_enabled: false,
      is_archived: false,
      default_value: null,
      relationship: null,
      created_at: new Date().toISOString(),
      config: {
        currency:
          definition.type === 'currency'
            ? (definition.config?.currency ?? { default_currency_code: 'USD', display_type: 'symbol' })
            : { default_currency_code: null, display_type: null },
        record_reference: {
          allowed_object_ids: definition.type === 'record-reference' ? this.allowedObjectIds(definition) : null,
        },
      },
      statuses: (definition.statuses ?? []).map((title) => ({
        id: { ...ids, status_id: randomUUID() },
        title,
        is_archived: false,
        celebration_enabled: title.startsWith('Won'),
        target_time_in_status: null,
      })),
      options: [],
    };
    object.attributes.push(attribute);
    return attribute;
  }

  /** Attio answers with object ids; definitions name objects by slug, and may name ones not created yet. */
  private allowedObjectIds(definition: AttributeDefinition): string[] {
    const slugs = definition.config?.record_reference?.allowed_objects ?? [];
    return slugs.flatMap((slug) => this.objects.find((object) => object.api_slug === slug)?.id.object_id ?? []);
  }

  attribute(object: StoredObject, slugOrId: string): StoredAttribute {
    const attribute = object.attributes.find(
      (candidate) => candidate.api_slug === slugOrId || candidate.id.attribute_id === slugOrId,
    );
    if (!attribute) throw notFound(`Attribute with slug/ID "${slugOrId}"`);
    return attribute;
  }

  /**
   * A workspace admin's choice: any attribute, standard or custom, can be made required (Attio's
   * object settings, or `PATCH /v2/{target}/{identifier}/attributes/{attribute}` with
   * `is_required`). From then on a new record without a value for it is refused with
   * `missing_value`; existing records are left as they are (OpenAPI `attribute.is_required`).
   */
  setAttributeRequired(object: StoredObject, slugOrId: string, required: boolean): StoredAttribute {
    const attribute = this.attribute(object, slugOrId);
    attribute.is_required = required;
    return attribute;
  }

  addSelectOption(attribute: StoredAttribute, title: string): StoredOption {
    if (attribute.options.some((option) => option.title === title))
      throw new AttioApiError(409, 'slug_conflict', `A select option with the title "${title}" already exists.`);
    const option: StoredOption = { id: { ...attribute.id, option_id: randomUUID() }, title, is_archived: false };
    attribute.options.push(option);
    return option;
  }

  findRecord(objectId: string, recordId: string): StoredRecord | undefined {
    return this.records.get(objectId)?.get(recordId);
  }

  record(object: StoredObject, recordId: string): StoredRecord {
    const record = this.findRecord(object.id.object_id, recordId);
    if (!record) throw notFound(`Record with ID "${recordId}"`);
    return record;
  }

  allRecords(object: StoredObject): StoredRecord[] {
    return [...(this.records.get(object.id.object_id)?.values() ?? [])];
  }

  /** Records whose unique attributes (e.g. `email_addresses`, `domains`) hold one of the given values. */
  matchRecordsByUniqueValues(object: StoredObject, criteria: Record<string, unknown>): StoredRecord[] {
    const entries = Object.entries(criteria).filter(([slug]) => slug !== 'target_object');
    return this.allRecords(object).filter((record) =>
      entries.every(([slug, wanted]) => {
        const attribute = this.attribute(object, slug);
        const wantedKeys = normaliseValues(this, attribute, wanted).map((value) => comparable(attribute.type, value));
        const have = (record.values.get(attribute.id.attribute_id) ?? []).map((value) =>
          comparable(attribute.type, value),
        );
        return wantedKeys.some((key) => have.includes(key));
      }),
    );
  }

  createRecord(object: StoredObject, input: Record<string, unknown>, actor: Actor): StoredRecord {
    const record: StoredRecord = {
      id: { workspace_id: this.id, object_id: object.id.object_id, record_id: randomUUID() },
      created_at: new Date().toISOString(),
      created_by: actor,
      values: new Map(),
    };
    const prepared = this.prepare(object, input, record, 'create', actor);
    // OpenAPI `attribute.is_required`: "new records/entries must have a value for this attribute",
    // system attributes included (deal `name`, `stage`, `owner`, docs standard-objects-deals).
    // The message is the document's example for `missing_value`.
    for (const attribute of object.attributes) {
      if (
        attribute.is_required &&
        !attribute.is_archived &&
        (prepared.get(attribute.id.attribute_id)?.length ?? 0) === 0
      ) {
        throw new AttioApiError(
          400,
          'missing_value',
          `Required value for attribute with ID "${attribute.id.attribute_id}" was not provided.`,
        );
      }
    }
    record.values = prepared;
    this.records.get(object.id.object_id)?.set(record.id.record_id, record);
    this.emit({ event_type: 'record.created', id: { ...record.id }, actor });
    return record;
  }

  updateRecord(
    object: StoredObject,
    record: StoredRecord,
    input: Record<string, unknown>,
    mode: Exclude<WriteMode, 'create'>,
    actor: Actor,
    matchingAttributeId?: string,
  ): StoredRecord {
    const next = this.prepare(object, input, record, mode, actor, matchingAttributeId);
    const changed = object.attributes.filter(
      (attribute) =>
        !sameValues(
          attribute.type,
          record.values.get(attribute.id.attribute_id) ?? [],
          next.get(attribute.id.attribute_id) ?? [],
        ),
    );
    record.values = next;
    for (const attribute of changed) {
      this.emit({ event_type: 'record.updated', id: { ...record.id, attribute_id: attribute.id.attribute_id }, actor });
    }
    return record;
  }

  /** Assert: the record whose unique `matching` attribute holds the given value is updated, else created. */
  assertRecord(object: StoredObject, matching: string, input: Record<string, unknown>, actor: Actor): StoredRecord {
    const attribute = object.attributes.find(
      (candidate) => candidate.api_slug === matching || candidate.id.attribute_id === matching,
    );
    // The document's example for `PUT /v2/objects/{object}/records` 400.
    if (!attribute) throw valueNotFound(`No attribute was found for matching_attribute slug/ID "${matching}".`);
    if (!attribute.is_unique) {
      throw new AttioApiError(
        400,
        'matching_attribute_definition_not_unique',
        'The matching attribute specified is not a unique attribute.',
      );
    }
    const wanted = input[attribute.api_slug] ?? input[attribute.id.attribute_id];
    if (wanted === undefined || wanted === null)
      throw new AttioApiError(
        400,
        'missing_value',
        `A value for the matching attribute "${attribute.api_slug}" must be provided.`,
      );
    const matches = this.matchRecordsByUniqueValues(object, { [attribute.api_slug]: wanted });
    if (matches.length > 1)
      throw new AttioApiError(400, 'multiple_match_results', 'Multiple records match the matching attribute.');
    const existing = matches[0];
    return existing
      ? this.updateRecord(object, existing, input, 'assert', actor, attribute.id.attribute_id)
      : this.createRecord(object, input, actor);
  }

  deleteRecord(object: StoredObject, record: StoredRecord, actor: Actor): void {
    this.records.get(object.id.object_id)?.delete(record.id.record_id);
    this.emit({ event_type: 'record.deleted', id: { ...record.id }, actor });
  }

  /** Attio's current merge: a new record holding both, the originals gone, one event per original. */
  mergeRecords(object: StoredObject, primary: StoredRecord, secondary: StoredRecord, actor: Actor): StoredRecord {
    if (primary === secondary) throw new AttioApiError(400, 'self_merge', 'A record cannot be merged with itself.');
    const merged: StoredRecord = {
      id: { workspace_id: this.id, object_id: object.id.object_id, record_id: randomUUID() },
      created_at: primary.created_at,
      created_by: primary.created_by,
      values: new Map(),
    };
    for (const attribute of object.attributes) {
      const first = primary.values.get(attribute.id.attribute_id) ?? [];
      const second = secondary.values.get(attribute.id.attribute_id) ?? [];
      merged.values.set(
        attribute.id.attribute_id,
        attribute.is_multiselect ? dedupe(attribute.type, [...first, ...second]) : first.length > 0 ? first : second,
      );
    }
    const store = this.records.get(object.id.object_id);
    store?.delete(primary.id.record_id);
    store?.delete(secondary.id.record_id);
    store?.set(merged.id.record_id, merged);
    for (const original of [primary, secondary]) {
      this.emit({
        event_type: 'record.merged',
        id: { ...merged.id },
        duplicate_object_id: object.id.object_id,
        duplicate_record_id: original.id.record_id,
        actor,
      });
    }
    return merged;
  }

  /** The record as Attio returns it. */
  present(object: StoredObject, record: StoredRecord): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const attribute of object.attributes) {
      if (attribute.api_slug === 'record_id')
        values.record_id = [
          {
            active_from: record.created_at,
            active_until: null,
            created_by_actor: { type: 'system', id: null },
            value: record.id.record_id,
            attribute_type: 'text',
          },
        ];
      else if (attribute.api_slug === 'created_at')
        values.created_at = [
          {
            active_from: record.created_at,
            active_until: null,
            created_by_actor: { type: 'system', id: null },
            value: record.created_at,
            attribute_type: 'timestamp',
          },
        ];
      else if (attribute.api_slug === 'created_by') {
        values.created_by = [
          {
            active_from: record.created_at,
            active_until: null,
            created_by_actor: { type: 'system', id: null },
            referenced_actor_type: record.created_by.type,
            referenced_actor_id: record.created_by.id,
            attribute_type: 'actor-reference',
          },
        ];
      } else values[attribute.api_slug] = record.values.get(attribute.id.attribute_id) ?? [];
    }
    return {
      id: record.id,
      created_at: record.created_at,
      web_url: `https://app.attio.com/${this.slug}/${object.singular_noun.toLowerCase()}/${record.id.record_id}`,
      values,
    };
  }

  private prepare(
    object: StoredObject,
    input: Record<string, unknown>,
    record: StoredRecord,
    mode: WriteMode,
    actor: Actor,
    matchingAttributeId?: string,
  ): Map<string, Record<string, unknown>[]> {
    const next = new Map(record.values);
    const now = new Date().toISOString();
    for (const [key, raw] of Object.entries(input)) {
      const attribute = object.attributes.find(
        (candidate) => candidate.api_slug === key || candidate.id.attribute_id === key,
      );
      if (!attribute) throw valueNotFound(`Cannot find attribute with slug/ID "${key}".`);
      // Writability is `is_writable` alone (OpenAPI `attribute.is_writable`): system attributes
      // such as people `name` and `email_addresses` are written like any other.
      if (!attribute.is_writable)
        throw new AttioApiError(400, 'immutable_value', `Attribute "${attribute.api_slug}" cannot be written.`);
      const fresh = normaliseValues(this, attribute, raw).map((fields) => ({
        active_from: now,
        active_until: null,
        created_by_actor: actor,
        ...fields,
        attribute_type: attribute.type,
      }));
      const existing = record.values.get(attribute.id.attribute_id) ?? [];
      // Multiselect values, per the OpenAPI descriptions of the three writes:
      // - PATCH /v2/objects/{object}/records/{record_id}: "the values supplied will be created and
      //   prepended to the list of values that already exist";
      // - PUT /v2/objects/{object}/records/{record_id}: "the values supplied will overwrite/remove
      //   the list of values that already exist";
      // - PUT /v2/objects/{object}/records?matching_attribute= (assert): "If the matching attribute
      //   is a multiselect attribute, new values will be added and existing values will not be
      //   deleted. For any other multiselect attribute, all values will be either created or
      //   deleted as necessary to match the list of supplied values."
      const appends =
        attribute.is_multiselect &&
        (mode === 'append' || (mode === 'assert' && attribute.id.attribute_id === matchingAttributeId));
      const merged = appends
        ? dedupe(attribute.type, [
            ...fresh.filter((value) => !existing.some((have) => same(attribute.type, have, value))),
            ...existing,
          ])
        : keepUnchanged(attribute.type, existing, fresh);
      if (attribute.is_unique) this.checkUnique(object, attribute, record, merged);
      next.set(attribute.id.attribute_id, merged);
    }
    return next;
  }

  /**
   * Unique values are compared in their normalised form (`comparable`): an email by its
   * `email_address`, "the normalized form of the email address" (docs.attio.com, attribute
   * types, email address), lower-cased here, so `Bea@x.com` collides with `bea@x.com`.
   */
  private checkUnique(
    object: StoredObject,
    attribute: StoredAttribute,
    record: StoredRecord,
    values: Record<string, unknown>[],
  ): void {
    const keys = values.map((value) => comparable(attribute.type, value));
    for (const other of this.allRecords(object)) {
      if (other.id.record_id === record.id.record_id) continue;
      const clash = (other.values.get(attribute.id.attribute_id) ?? []).find((value) =>
        keys.includes(comparable(attribute.type, value)),
      );
      if (clash) {
        // The message is the one Attio gives (kesslerio/attio-mcp-server #216); its document names no code for it.
        throw new AttioApiError(
          400,
          'uniqueness_conflict',
          `The value "${String(comparable(attribute.type, clash))}" provided for attribute with ID ` +
            `"${attribute.id.attribute_id}" conflicts with one already in the system.`,
        );
      }
    }
  }
}

function same(type: string, a: ValueFields, b: ValueFields): boolean {
  return comparable(type, a) === comparable(type, b);
}

/** A value that did not change keeps its original `active_from` and actor, as in Attio. */
function keepUnchanged(
  type: string,
  existing: Record<string, unknown>[],
  fresh: Record<string, unknown>[],
): Record<string, unknown>[] {
  return fresh.map(
    (value) =>
      existing.find(
        (have) => same(type, have, value) && JSON.stringify(strip(have)) === JSON.stringify(strip(value)),
      ) ?? value,
  );
}

function strip(value: Record<string, unknown>): Record<string, unknown> {
  const { active_from: _from, active_until: _until, created_by_actor: _actor, ...fields } = value;
  return fields;
}

function dedupe(type: string, values: Record<string, unknown>[]): Record<string, unknown>[] {
  const seen = new Set<unknown>();
  return values.filter((value) => {
    const key = comparable(type, value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sameValues(type: string, before: Record<string, unknown>[], after: Record<string, unknown>[]): boolean {
  if (before.length !== after.length) return false;
  return before.every((value, index) => {
    const other = after[index];
    return (
      other !== undefined && same(type, value, other) && JSON.stringify(strip(value)) === JSON.stringify(strip(other))
    );
  });
}
