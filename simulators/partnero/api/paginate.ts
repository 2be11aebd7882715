import { validationError } from '../model/partnero-api-error';
import type { ApiAnswer, ApiRequest } from './api-request';

export interface PageRules {
  readonly defaultLimit: number;
  readonly minLimit: number;
  readonly maxLimit: number;
}

/** Partners, customers, transactions: `limit` 1–250, default 15. */
export const resourcePages: PageRules = { defaultLimit: 15, minLimit: 1, maxLimit: 250 };
/** Webhooks: `limit` 10–100, default 10. */
export const webhookPages: PageRules = { defaultLimit: 10, minLimit: 10, maxLimit: 100 };

/**
 * Laravel's "simple" paginator, as Partnero answers lists: `links` and `meta` without totals,
 * `links.last` always null, the end shown by `links.next === null`. Links keep the request's
 * other query parameters.
 */
export function paginate<Item>(
  request: ApiRequest,
  items: readonly Item[],
  present: (item: Item) => unknown,
  rules: PageRules = resourcePages,
): ApiAnswer {
  const limit = integerParameter(request, 'limit', rules.defaultLimit);
  const page = integerParameter(request, 'page', 1);
  const errors: Record<string, string[]> = {};
  if (limit < rules.minLimit || limit > rules.maxLimit)
    errors.limit = [`The limit field must be between ${rules.minLimit} and ${rules.maxLimit}.`];
  if (page < 1) errors.page = ['The page field must be at least 1.'];
  if (Object.keys(errors).length > 0) throw validationError(errors);

  // `sort=desc` "Newest First", `sort=asc` "Oldest First": Partnero's n8n node offers it on the
  // partner, customer and transaction lists (partnero/n8n-nodes-partnero,
  // nodes/Partnero/shared/descriptions.ts `sortField`). Newest by when the record was added;
  // without `sort`, the order records were added in. No other order or filter is documented.
  const sort = request.query.get('sort');
  const ordered = sort === 'desc' ? [...items].reverse() : items;
  const start = (page - 1) * limit;
  const slice = ordered.slice(start, start + limit);
  const hasMore = ordered.length > start + limit;
  const path = `${request.url.origin}${request.url.pathname}`;
  const linkTo = (target: number) => {
    const url = new URL(path);
    for (const [name, value] of request.query) if (name !== 'page') url.searchParams.append(name, value);
    url.searchParams.set('page', String(target));
    return url.toString();
  };
  return {
    status: 200,
    body: {
      data: slice.map(present),
      links: {
        first: linkTo(1),
        last: null,
        prev: page > 1 ? linkTo(page - 1) : null,
        next: hasMore ? linkTo(page + 1) : null,
      },
      meta: {
        current_page: page,
        from: slice.length > 0 ? start + 1 : null,
        path,
        per_page: limit,
        to: slice.length > 0 ? start + slice.length : null,
      },
      status: 1,
    },
  };
}

function integerParameter(request: ApiRequest, name: string, fallback: number): number {
  const raw = request.query.get(name) ?? (typeof request.body[name] === 'number' ? String(request.body[name]) : null);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw validationError({ [name]: [`The ${name} field must be an integer.`] });
  return value;
}
