import type { JsonObject } from '../model/field-errors';
import type { ProgramData } from '../model/program-data';

/** One authenticated request, already resolved to the program its API key belongs to. */
export interface ApiRequest {
  readonly data: ProgramData;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The JSON body; `{}` when there is none. The PHP SDK sends bodies on GET and DELETE too. */
  readonly body: JsonObject;
  /** The URL as the caller addressed it, so page links point back at the same host. */
  readonly url: URL;
}

export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
}

export type ApiHandler = (request: ApiRequest) => ApiAnswer;

export interface ApiRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Under `/v1`, with `{name}` path parameters, e.g. `/partners/{id}/archive`. */
  readonly path: string;
  readonly handler: ApiHandler;
}

export const ok = (data: unknown, status = 200): ApiAnswer => ({ status, body: { data, status: 1 } });
export const done = (): ApiAnswer => ({ status: 200, body: { status: 1 } });

/**
 * A list filter under any of the spellings the sources use: `partner.key` (docs), `partner_key`
 * (n8n), `partner[key]` (PHP query strings) or `{partner: {key}}` in a GET body (PHP SDK).
 */
export function filterValue(request: ApiRequest, group: string, field: string): string | undefined {
  for (const name of [`${group}.${field}`, `${group}_${field}`, `${group}[${field}]`]) {
    const value = request.query.get(name);
    if (value !== null && value !== '') return value;
  }
  const nested = request.body[group];
  if (typeof nested === 'object' && nested !== null && !Array.isArray(nested)) {
    const value = (nested as JsonObject)[field];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/**
 * The list's partner filter as a test of a record's partner id: `partner.key`, `partner.email` or
 * `partner.id` (the first given names the partner). Without one every record passes; one that
 * names no partner lets none pass, so the list is empty rather than unfiltered.
 */
export function partnerFilterOf(request: ApiRequest): (partnerId: string | null) => boolean {
  const key = filterValue(request, 'partner', 'key');
  const email = filterValue(request, 'partner', 'email');
  const id = filterValue(request, 'partner', 'id');
  if (!key && !email && !id) return () => true;
  const partner = key
    ? request.data.partnerByKey(key)
    : email
      ? request.data.partnerByEmail(email)
      : request.data.partnerById(id as string);
  return (partnerId) => partner !== undefined && partnerId === partner.id;
}

/** Search parameters may arrive in the query or, from the PHP SDK, in the body. */
export function searchValue(request: ApiRequest, field: string): string | undefined {
  const fromQuery = request.query.get(field);
  if (fromQuery !== null && fromQuery !== '') return fromQuery;
  const fromBody = request.body[field];
  return typeof fromBody === 'string' && fromBody !== ''
    ? fromBody
    : typeof fromBody === 'number'
      ? String(fromBody)
      : undefined;
}

export function containsIgnoringCase(haystack: string | null | undefined, needle: string): boolean {
  return haystack !== null && haystack !== undefined && haystack.toLowerCase().includes(needle.toLowerCase());
}
