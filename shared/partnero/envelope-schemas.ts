import * as z from 'zod';

/**
 * The wrappers around every Partnero answer: `{data, status: 1}` for one resource, plus
 * `links`/`meta` for a page. Pages carry no totals; the end is `links.next === null`.
 */

export function dataEnvelope<Item extends z.ZodType>(item: Item) {
  return z.looseObject({ data: item, status: z.literal(1).optional() });
}

export const pageLinksSchema = z.looseObject({
  first: z.string().nullish(),
  last: z.string().nullish(),
  prev: z.string().nullish(),
  next: z.string().nullish(),
});

export const pageMetaSchema = z.looseObject({
  current_page: z.number().int().nullish(),
  from: z.number().int().nullish(),
  to: z.number().int().nullish(),
  per_page: z.union([z.number().int(), z.string()]).nullish(),
  path: z.string().nullish(),
});

export function pageEnvelope<Item extends z.ZodType>(item: Item) {
  return z.looseObject({
    data: z.array(item),
    links: pageLinksSchema.nullish(),
    meta: pageMetaSchema.nullish(),
    status: z.literal(1).optional(),
  });
}

/** Delete, archive and restore answer `{"status": 1}` and nothing else. */
export const statusOnlySchema = z.looseObject({ status: z.literal(1).optional() });

/** An error body: `message` always; `errors` per field on a 422 (Laravel style). */
export const partneroErrorBodySchema = z.looseObject({
  message: z.string().optional(),
  errors: z.record(z.string(), z.union([z.array(z.string()), z.string()])).optional(),
});
export type PartneroErrorBody = z.infer<typeof partneroErrorBodySchema>;
