import { changesOf, isJsonObject } from '../model/field-errors';
import { notFound, validationError } from '../model/partnero-api-error';
import {
  archivePartner,
  createPartner,
  deletePartner,
  findPartnerByReference,
  restorePartner,
  updatePartner,
} from '../model/partner-operations';
import type { PartnerRecord } from '../model/records';
import { partnerDetailJson, partnerJson } from '../present/partner-json';
import { containsIgnoringCase, done, ok, searchValue, type ApiRequest, type ApiRoute } from './api-request';
import { paginate } from './paginate';

/** `/partners/{id}` resolves the id only: "a referral key does not resolve" there. */
function partnerAtPath(request: ApiRequest): PartnerRecord {
  const partner = request.data.partnerById(request.params.id ?? '');
  if (partner === undefined) throw notFound('Partner');
  return partner;
}

/** `PUT`/`DELETE /partners` name the partner in the body, by key or email (or id). */
function partnerInBody(request: ApiRequest): PartnerRecord {
  const reference = { id: request.body.id, key: request.body.key, email: request.body.email };
  if (reference.id === undefined && reference.key === undefined && reference.email === undefined) {
    throw validationError({ key: ['The key field is required when email is not present.'] });
  }
  const partner = findPartnerByReference(request.data, reference);
  if (partner === undefined) throw notFound('Partner');
  return partner;
}

export const partnerRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/partners',
    handler: (request) =>
      paginate(request, request.data.livePartners(), (partner) => partnerJson(request.data, partner)),
  },
  {
    method: 'POST',
    path: '/partners',
    handler: (request) => ok(partnerJson(request.data, createPartner(request.data, request.body)), 201),
  },
  {
    method: 'PUT',
    path: '/partners',
    handler: (request) => {
      const partner = partnerInBody(request);
      // In a flat body the key/email name the partner; renames need the `update` wrapper.
      return ok(
        partnerJson(
          request.data,
          updatePartner(request.data, partner, changesOf(request.body, ['id', 'key', 'email'])),
        ),
      );
    },
  },
  {
    method: 'DELETE',
    path: '/partners',
    handler: (request) => {
      deletePartner(request.data, partnerInBody(request));
      return done();
    },
  },
  {
    method: 'GET',
    path: '/partners:search',
    handler: (request) => {
      const criteria = ['id', 'key', 'email', 'name']
        .map((field) => [field, searchValue(request, field)] as const)
        .filter(([, value]) => value !== undefined);
      const matches = request.data
        .livePartners()
        .filter((partner) =>
          criteria.every(([field, value]) =>
            containsIgnoringCase(partner[field as 'id' | 'key' | 'email' | 'name'], value as string),
          ),
        );
      return paginate(request, matches, (partner) => partnerJson(request.data, partner));
    },
  },
  {
    method: 'GET',
    path: '/partner',
    handler: (request) => {
      const reference = {
        id: searchValue(request, 'id'),
        key: searchValue(request, 'key'),
        email: searchValue(request, 'email'),
      };
      if (!reference.id && !reference.key && !reference.email)
        throw validationError({ key: ['The key field is required when none of id / email are present.'] });
      const partner = findPartnerByReference(request.data, reference);
      if (partner === undefined) throw notFound('Partner');
      return ok(partnerDetailJson(request.data, partner));
    },
  },
  {
    method: 'GET',
    path: '/partners/{id}',
    handler: (request) => ok(partnerDetailJson(request.data, partnerAtPath(request))),
  },
  {
    method: 'PUT',
    path: '/partners/{id}',
    handler: (request) => {
      const partner = partnerAtPath(request);
      if (!isJsonObject(request.body) || Object.keys(request.body).length === 0)
        throw validationError({ update: ['The update field is required.'] });
      return ok(partnerJson(request.data, updatePartner(request.data, partner, changesOf(request.body))));
    },
  },
  {
    method: 'DELETE',
    path: '/partners/{id}',
    handler: (request) => {
      deletePartner(request.data, partnerAtPath(request));
      return done();
    },
  },
  {
    method: 'POST',
    path: '/partners/{id}/archive',
    handler: (request) => {
      archivePartner(request.data, partnerAtPath(request));
      return done();
    },
  },
  {
    method: 'POST',
    path: '/partners/{id}/revoke-archive',
    handler: (request) => {
      restorePartner(request.data, partnerAtPath(request));
      return done();
    },
  },
];
