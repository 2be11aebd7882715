import { PermanentError } from '../../../shared/errors';
import { nextPageUrl } from '../../../shared/partnero/page-links';

const base = 'https://api.partnero.com/v1';

describe('nextPageUrl', () => {
  it('ends the list when links.next is null', () => {
    expect(nextPageUrl(base, `${base}/partners?limit=100`, null)).toBeUndefined();
  });

  it('carries over the limit and filters a page link dropped', () => {
    // Act
    const next = nextPageUrl(base, `${base}/transactions?key=deal_1&limit=250`, `${base}/transactions?page=2`);

    // Assess
    const url = new URL(next ?? '');
    expect(url.searchParams.get('page')).toBe('2');
    expect(url.searchParams.get('limit')).toBe('250');
    expect(url.searchParams.get('key')).toBe('deal_1');
  });

  it('keeps the page number of the link, not of the first request', () => {
    // Act
    const next = nextPageUrl(base, `${base}/partners?page=1&limit=10`, `${base}/partners?page=2&limit=10`);

    // Assess
    expect(new URL(next ?? '').searchParams.getAll('page')).toEqual(['2']);
  });

  it('refuses to follow a link to another host, which would receive the API key', () => {
    expect(() => nextPageUrl(base, `${base}/partners`, 'https://evil.example/v1/partners?page=2')).toThrow(
      PermanentError,
    );
  });

  it('refuses a link outside the API path on the same host', () => {
    expect(() => nextPageUrl(base, `${base}/partners`, 'https://api.partnero.com/admin?page=2')).toThrow(
      PermanentError,
    );
  });
});
