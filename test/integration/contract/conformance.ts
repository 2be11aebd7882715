import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attioErrorBodySchema } from '../../../shared/attio';
import type { AttioOpenApi, Exchange } from './attio-openapi';

/** Checks recorded Attio exchanges against the OpenAPI document, allowing only the deviations listed here with their sources. */

const rateLimitFixture: unknown = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/attio/rate-limit-error.json'), 'utf8'),
);

/** Routes that live on Attio's app host and so are not in the REST document. */
const appHostRoutes = new Set(['GET /authorize', 'POST /oauth/token', 'POST /oauth/introspect', 'POST /oauth/revoke']);

/**
 * Answers Attio gives that its document does not list for the operation, each with where it is
 * documented (`shared/reference/attio-api.md`). They must still have Attio's error body.
 */
export function knownDeviation(key: string, exchange: Exchange): boolean {
  const body = safeJson(exchange.responseBody);
  const error = attioErrorBodySchema.safeParse(body);
  if (!error.success || error.data.status_code !== exchange.status) return false;
  // §5 Rate limits: any endpoint may answer 429, with exactly this body.
  if (exchange.status === 429) return JSON.stringify(body) === JSON.stringify(rateLimitFixture);
  // §5 Error shape: a missing or revoked token is a 401 auth_error on any /v2 route.
  if (exchange.status === 401) return error.data.type === 'auth_error' && error.data.code === 'unauthorized';
  // Faults the tests inject.
  if (exchange.status === 500) return error.data.type === 'api_error';
  // §3 Assert: a non-unique matching attribute, seen in the wild (withoneai/knowledge #27).
  if (
    key === 'PUT /v2/objects/{object}/records' &&
    exchange.status === 400 &&
    error.data.code === 'matching_attribute_definition_not_unique'
  )
    return true;
  // §3 Create: a unique value another record holds; the message is Attio's (kesslerio/attio-mcp-server #216), the code our inference.
  const writes = [
    'POST /v2/objects/{object}/records',
    'PUT /v2/objects/{object}/records',
    'PATCH /v2/objects/{object}/records/{record_id}',
    'PUT /v2/objects/{object}/records/{record_id}',
  ];
  if (!writes.includes(key) || exchange.status !== 400) return false;
  if (error.data.code === 'uniqueness_conflict')
    return /conflicts with one already in the system/.test(error.data.message);
  // A required value left out on create or assert: the document gives `missing_value`, with this
  // message, on the record updates only; `is_required` ("new records must have a value") says create refuses it too.
  if (error.data.code === 'missing_value')
    return /^Required value for attribute with ID "[0-9a-f-]{36}" was not provided\.$/.test(error.data.message);
  // A read-only attribute (`is_writable: false`) written: the document names no code; `immutable_value` is its code for a value that cannot change.
  return error.data.code === 'immutable_value';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface Conformance {
  readonly problems: string[];
  /** `METHOD /template status` of every exchange checked against the document. */
  readonly checked: Set<string>;
}

export function conformance(openApi: AttioOpenApi, exchanges: readonly Exchange[]): Conformance {
  const problems: string[] = [];
  const checked = new Set<string>();
  for (const exchange of exchanges) {
    const route = `${exchange.method} ${new URL(exchange.target, 'http://x').pathname}`;
    if (appHostRoutes.has(route)) {
      // Introspect answers with /v2/self's fields (attio-api.md §1); the other app-host answers are checked by the OAuth tests.
      if (route === 'POST /oauth/introspect') {
        const verdict = openApi.validateResponseAs('GET', '/v2/self', exchange);
        if (verdict.kind !== 'valid') problems.push(`${route} ${exchange.status}: ${JSON.stringify(verdict)}`);
        checked.add(`${route} ${exchange.status}`);
      }
      continue;
    }
    const match = openApi.operation(exchange.method, exchange.target);
    if (!match) {
      problems.push(`${route}: no such operation in the document`);
      continue;
    }
    for (const problem of openApi.validateRequest(match, exchange)) problems.push(`${match.key} request: ${problem}`);
    const verdict = openApi.validateResponse(match, exchange);
    if (verdict.kind !== 'valid' && !knownDeviation(match.key, exchange)) {
      const why = verdict.kind === 'invalid' ? verdict.errors.join('; ') : 'the document lists no such status here';
      problems.push(`${match.key} ${exchange.status} response: ${why}\n  body: ${exchange.responseBody.slice(0, 300)}`);
    }
    checked.add(`${match.key} ${exchange.status}`);
  }
  return { problems, checked };
}
