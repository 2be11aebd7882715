/**
 * Matches a request path against templates like `/v1/partners/{id}`. Segments are split before
 * decoding, so a customer key or email with `%2F` or `%40` stays one parameter.
 */
export interface RouteTemplate<Value> {
  readonly method: string;
  readonly template: string;
  readonly value: Value;
}

export type RouteMatch<Value> =
  | { readonly kind: 'found'; readonly route: RouteTemplate<Value>; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly template: string }
  | { readonly kind: 'not-found' };

export class RouteTable<Value> {
  private readonly routes: RouteTemplate<Value>[] = [];

  add(method: string, template: string, value: Value): void {
    this.routes.push({ method, template, value });
  }

  match(method: string, pathname: string): RouteMatch<Value> {
    const segments = pathname.replace(/\/+$/, '').split('/');
    let sameTemplate: string | undefined;
    for (const route of this.routes) {
      const params = matchTemplate(route.template, segments);
      if (params === undefined) continue;
      if (route.method === method) return { kind: 'found', route, params };
      sameTemplate ??= route.template;
    }
    return sameTemplate === undefined ? { kind: 'not-found' } : { kind: 'method-not-allowed', template: sameTemplate };
  }
}

function matchTemplate(template: string, segments: string[]): Record<string, string> | undefined {
  const parts = template.split('/');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] as string;
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name === undefined) {
      if (part !== segment) return undefined;
      continue;
    }
    if (segment === '') return undefined;
    try {
      params[name] = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
  }
  return params;
}
