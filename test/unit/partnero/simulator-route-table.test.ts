import { RouteTable } from '../../../simulators/partnero/server/route-table';

describe('the Partnero simulator route table', () => {
  const routes = new RouteTable<string>();
  routes.add('GET', '/v1/partners', 'list');
  routes.add('GET', '/v1/partners:search', 'search');
  routes.add('GET', '/v1/partners/{id}', 'get');
  routes.add('GET', '/v1/customers/{key}', 'customer');

  it('tells partners:search apart from partners/{id}', () => {
    expect(routes.match('GET', '/v1/partners:search')).toMatchObject({ kind: 'found', route: { value: 'search' } });
    expect(routes.match('GET', '/v1/partners/partner_1')).toMatchObject({ kind: 'found', params: { id: 'partner_1' } });
  });

  it('decodes a parameter after splitting, so an encoded email or slash stays one parameter', () => {
    expect(routes.match('GET', '/v1/customers/carl%40example.com')).toMatchObject({
      params: { key: 'carl@example.com' },
    });
    expect(routes.match('GET', '/v1/customers/a%2Fb')).toMatchObject({ params: { key: 'a/b' } });
  });

  it('reports a known path with another method apart from an unknown path', () => {
    expect(routes.match('DELETE', '/v1/partners')).toEqual({ kind: 'method-not-allowed', template: '/v1/partners' });
    expect(routes.match('GET', '/v1/leads')).toEqual({ kind: 'not-found' });
  });
});
