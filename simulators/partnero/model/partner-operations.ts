import { partnerJson } from '../present/partner-json';
import { FieldErrors, isJsonObject, type JsonObject } from './field-errors';
import { PartneroApiError, notFound } from './partnero-api-error';
import type { ProgramData } from './program-data';
import { newPartnerId, newPartnerKey } from './random-keys';
import type { PartnerRecord, PartnerStatus } from './records';

/** What only the Partnero app (the control surface) may set on a partner; the API has no field for it. */
export interface PartnerAppFields {
  readonly status?: PartnerStatus;
  readonly approved?: boolean;
}

const passwordRule = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{8,}$/;

/** A partner by `{id}`, `{key}` or `{email}` (the `/partner` lookup and `referring_partner`). */
export function findPartnerByReference(data: ProgramData, reference: JsonObject): PartnerRecord | undefined {
  if (typeof reference.id === 'string' || typeof reference.id === 'number')
    return data.partnerById(String(reference.id));
  if (typeof reference.key === 'string') return data.partnerByKey(reference.key);
  if (typeof reference.email === 'string') return data.partnerByEmail(reference.email);
  return undefined;
}

export function hasPartnerReference(reference: unknown): reference is JsonObject {
  return (
    isJsonObject(reference) &&
    ['id', 'key', 'email'].some(
      (field) => reference[field] !== undefined && reference[field] !== null && reference[field] !== '',
    )
  );
}

export function createPartner(data: ProgramData, body: JsonObject, appFields: PartnerAppFields = {}): PartnerRecord {
  const errors = new FieldErrors();
  const email = errors.string(body, 'email', { required: true, email: true, max: 255 });
  const name = errors.string(body, 'name', { max: 255 });
  const surname = errors.string(body, 'surname', { max: 255 });
  const password = errors.string(body, 'password');
  const id = errors.string(body, 'id', { max: 255 });
  const key = errors.string(body, 'key', { max: 255 });
  const tags = errors.tags(body);
  if (email && data.partnerByEmail(email)) errors.add('email', 'The email has already been taken.');
  if (id && data.partnerById(id)) errors.add('id', 'The id has already been taken.');
  if (key && data.partnerByKey(key)) errors.add('key', 'The key has already been taken.');
  if (password && !passwordRule.test(password)) {
    errors.add(
      'password',
      'The password field must be at least 8 characters and contain one uppercase letter, one lowercase letter and one number.',
    );
  }
  let referringPartnerId: string | null = null;
  if (hasPartnerReference(body.referring_partner)) {
    const referrer = findPartnerByReference(data, body.referring_partner);
    if (referrer === undefined) errors.add('referring_partner', 'The selected referring partner is invalid.');
    else referringPartnerId = referrer.id;
  }
  errors.throwIfAny();

  const approved =
    appFields.approved ?? (appFields.status ? appFields.status === 'active' : data.program.autoApprovePartners);
  const now = data.now();
  const partner: PartnerRecord = {
    id: id ?? newPartnerId(),
    key: key ?? newPartnerKey(),
    email: email as string,
    name: name ?? null,
    surname: surname ?? null,
    status: appFields.status ?? (approved ? 'active' : 'pending'),
    approved,
    tos: false,
    tags: tags ?? [],
    referringPartnerId,
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
  data.partners.push(partner);
  data.emit('partner.created', partnerJson(data, partner));
  return partner;
}

/** Applies documented changes: email and key stay unique; tags `[]` clears, `null` keeps. */
export function updatePartner(data: ProgramData, partner: PartnerRecord, changes: JsonObject): PartnerRecord {
  const errors = new FieldErrors();
  const email = errors.string(changes, 'email', { email: true, max: 255, prefix: 'update.' });
  const name = errors.string(changes, 'name', { max: 255, prefix: 'update.' });
  const surname = errors.string(changes, 'surname', { max: 255, prefix: 'update.' });
  const key = errors.string(changes, 'key', { max: 255, prefix: 'update.' });
  const password = errors.string(changes, 'password', { prefix: 'update.' });
  const tags = errors.tags(changes);
  if (email) {
    const holder = data.partnerByEmail(email);
    if (holder && holder !== partner) errors.add('update.email', 'The update.email has already been taken.');
  }
  if (key) {
    const holder = data.partnerByKey(key);
    if (holder && holder !== partner) errors.add('update.key', 'The update.key has already been taken.');
  }
  if (password && !passwordRule.test(password))
    errors.add('update.password', 'The update.password field format is invalid.');
  errors.throwIfAny();

  if (email) partner.email = email;
  if (name !== undefined) partner.name = name;
  if (surname !== undefined) partner.surname = surname;
  if (key) partner.key = key;
  if (Array.isArray(tags)) partner.tags = tags;
  partner.updated_at = data.now();
  data.emit('partner.updated', partnerJson(data, partner));
  return partner;
}

export function deletePartner(data: ProgramData, partner: PartnerRecord): void {
  if (partner.deleted_at !== null) throw notFound('Partner');
  const json = partnerJson(data, partner);
  partner.status = 'deleted';
  partner.deleted_at = data.now();
  data.emit('partner.deleted', { ...json, status: 'deleted' });
}

export function archivePartner(data: ProgramData, partner: PartnerRecord): void {
  if (partner.status === 'archived') throw new PartneroApiError(400, 'Action failed');
  partner.status = 'archived';
  partner.updated_at = data.now();
  data.emit('partner.archived', partnerJson(data, partner));
}

export function restorePartner(data: ProgramData, partner: PartnerRecord): void {
  if (partner.status !== 'archived') throw new PartneroApiError(400, 'Action failed');
  partner.status = partner.approved ? 'active' : 'pending';
  partner.updated_at = data.now();
  data.emit('partner.updated', partnerJson(data, partner));
}

/** Approving or rejecting happens in the Partnero app; the API has no endpoint for it. */
export function decidePartner(data: ProgramData, partner: PartnerRecord, decision: 'approved' | 'rejected'): void {
  partner.approved = decision === 'approved';
  partner.status = decision === 'approved' ? 'active' : 'pending';
  partner.updated_at = data.now();
  data.emit(`partner.${decision}`, partnerJson(data, partner));
}
