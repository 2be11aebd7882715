import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as z from 'zod';
import {
  attioErrorBodySchema,
  attioRecordSchema,
  attioSelfSchema,
  attioTokenResponseSchema,
  attioWebhookDeliverySchema,
  attioWebhookSchema,
  attioWebhookSubscriptionSchema,
  dataEnvelope,
} from '../../../shared/attio';
import { dataEnvelope as partneroData, pageEnvelope } from '../../../shared/partnero/envelope-schemas';
import {
  partneroCustomerSchema,
  partneroPartnerSchema,
  partneroTransactionSchema,
  partneroWebhookSchema,
} from '../../../shared/partnero/resource-schemas';
import { partneroWebhookDeliverySchema } from '../../../shared/partnero/webhook-delivery-schema';
import { AttioOpenApi, type Exchange } from './attio-openapi';

/**
 * The providers' documented example payloads (test/fixtures) against the project's zod schemas,
 * and the Attio ones that are REST answers or requests also against Attio's OpenAPI document.
 * A fixture added without saying what reads it fails here, so none goes unchecked.
 */
const fixturesDir = join(__dirname, '../../fixtures');

interface FixtureCheck {
  /** The project's schema that reads it. */
  readonly schema: z.ZodType;
  /** Where it sits in Attio's document, when it is a REST payload there. */
  readonly openApi?: {
    readonly method: string;
    readonly path: string;
    readonly status?: number;
    readonly request?: boolean;
  };
}

const sampleRecord = '/v2/objects/people/records/bf071e1f-6035-429d-b874-d83ea64ea13b';

const checks: Record<string, FixtureCheck> = {
  'attio/person-record.json': {
    schema: dataEnvelope(attioRecordSchema),
    openApi: { method: 'GET', path: sampleRecord, status: 200 },
  },
  'attio/not-found-error.json': {
    schema: attioErrorBodySchema,
    openApi: { method: 'GET', path: sampleRecord, status: 404 },
  },
  'attio/unauthorized-error.json': { schema: attioErrorBodySchema },
  'attio/rate-limit-error.json': { schema: attioErrorBodySchema },
  'attio/self-active.json': { schema: attioSelfSchema, openApi: { method: 'GET', path: '/v2/self', status: 200 } },
  'attio/self-inactive.json': { schema: attioSelfSchema, openApi: { method: 'GET', path: '/v2/self', status: 200 } },
  'attio/oauth-token-response.json': { schema: attioTokenResponseSchema },
  'attio/webhook-create-request.json': {
    schema: dataEnvelope(attioWebhookSchema.pick({ target_url: true, subscriptions: true })),
    openApi: { method: 'POST', path: '/v2/webhooks', request: true },
  },
  'attio/webhook-create-response.json': {
    schema: dataEnvelope(attioWebhookSchema),
    openApi: { method: 'POST', path: '/v2/webhooks', status: 200 },
  },
  'attio/webhook-record-created.json': { schema: attioWebhookDeliverySchema },
  'attio/webhook-record-updated.json': { schema: attioWebhookDeliverySchema },
  'attio/webhook-record-deleted-system.json': { schema: attioWebhookDeliverySchema },
  'attio/webhook-record-merged.json': { schema: attioWebhookDeliverySchema },
  'attio/webhook-list-entry-updated.json': { schema: attioWebhookDeliverySchema },
  'partnero/partner-create-response.json': { schema: partneroData(partneroPartnerSchema) },
  'partnero/partner-list-page.json': { schema: pageEnvelope(partneroPartnerSchema) },
  'partnero/customer-create-response.json': { schema: partneroData(partneroCustomerSchema) },
  'partnero/transaction-create-response.json': { schema: partneroData(partneroTransactionSchema) },
  'partnero/webhook-create-response.json': { schema: partneroData(partneroWebhookSchema) },
  'partnero/webhook-delivery-partner-created.json': { schema: partneroWebhookDeliverySchema },
};

const read = (name: string): unknown => JSON.parse(readFileSync(join(fixturesDir, name), 'utf8'));

describe('the documented example payloads', () => {
  const openApi = AttioOpenApi.load();

  it('each have a check here', () => {
    const present = ['attio', 'partnero'].flatMap((provider) =>
      readdirSync(join(fixturesDir, provider))
        .filter((name) => name.endsWith('.json'))
        .map((name) => `${provider}/${name}`),
    );
    expect(present.sort()).toEqual(Object.keys(checks).sort());
  });

  it.each(Object.entries(checks))('%s parses with the project schema', (name, check) => {
    const parsed = check.schema.safeParse(read(name));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it.each(Object.entries(checks).filter(([, check]) => check.openApi))(
    '%s matches Attio OpenAPI document',
    (name, check) => {
      const where = check.openApi as NonNullable<FixtureCheck['openApi']>;
      const match = openApi.operation(where.method, where.path);
      const text = JSON.stringify(read(name));
      const exchange: Exchange = {
        method: where.method,
        target: where.path,
        requestContentType: 'application/json',
        requestBody: where.request ? text : '',
        status: where.status ?? 200,
        responseContentType: 'application/json',
        responseBody: text,
      };
      expect(match).toBeDefined();
      if (!match) return;
      if (where.request) expect(openApi.validateRequest(match, exchange)).toEqual([]);
      else expect(openApi.validateResponse(match, exchange)).toEqual({ kind: 'valid' });
    },
  );

  it('tell record events from the events the sync ignores', () => {
    const events = ['attio/webhook-record-created.json', 'attio/webhook-list-entry-updated.json'].map(
      (name) => attioWebhookDeliverySchema.parse(read(name)).events[0],
    );
    expect(events.map((event) => event?.event_type)).toEqual(['record.created', 'list-entry.updated']);
    expect(
      attioWebhookSubscriptionSchema
        .array()
        .parse((read('attio/webhook-create-request.json') as { data: { subscriptions: unknown } }).data.subscriptions),
    ).toHaveLength(1);
  });
});
