import { PermanentError } from '../errors';

/**
 * Where the next page is, from a page's `links.next`, or undefined at the end.
 *
 * Two guards, because the link comes from the provider and our API key follows it:
 * - it must stay on the API's own origin and path prefix, or the key would go elsewhere;
 * - a Laravel paginator may drop query parameters from its links (the docs' example shows only
 *   `?page=1`), so every parameter of the first request the link lacks is carried over; without
 *   that, page 2 of `limit=100&key=x` would silently become an unfiltered page of 15.
 */
export function nextPageUrl(
  apiBaseUrl: string,
  firstRequestUrl: string,
  linksNext: string | null | undefined,
): string | undefined {
  if (linksNext === null || linksNext === undefined || linksNext === '') return undefined;
  const base = new URL(apiBaseUrl);
  let next: URL;
  try {
    next = new URL(linksNext, base);
  } catch {
    throw new PermanentError('partnero:bad_page_link', 'partnero returned an unreadable links.next');
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  if (next.origin !== base.origin || !(next.pathname === basePath || next.pathname.startsWith(`${basePath}/`))) {
    throw new PermanentError(
      'partnero:bad_page_link',
      'partnero links.next points outside the API; not following it with the API key',
    );
  }
  for (const [name, value] of new URL(firstRequestUrl).searchParams) {
    if (name !== 'page' && !next.searchParams.has(name)) next.searchParams.append(name, value);
  }
  return next.toString();
}
