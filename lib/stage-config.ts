import type { Node } from 'constructs';
import * as z from 'zod';
import {
  DEFAULT_ATTIO_EVENT_WINDOW_SECONDS,
  MAX_ATTIO_EVENT_WINDOW_SECONDS,
} from '../shared/attio-to-partnero/attio-event-deduplication';
import type { SyncDirection } from '../shared/queue/sync-queues';

/**
 * One deployment of the service (dev, prod, ...), configured from CDK context and validated
 * here, so a typo in `cdk.json` or on the command line fails the synth with the field's name
 * instead of deploying something half-configured.
 *
 * Where a value comes from, first found wins:
 *   1. `-c <stage>:<field>=<value>` on the command line, e.g. `-c prod:alarmEmails=ops@example.com`
 *   2. `stages.<stage>.<field>` in `cdk.json`
 *   3. the defaults below (safe ones: resources are retained unless a stage says `destroy`)
 */

/** CloudWatch Logs accepts only these retention periods. */
const logRetentionDays = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Lambda's bounds for an SQS event source mapping's MaximumConcurrency. */
const maxConcurrency = z.coerce.number().int().min(2).max(1000);

/** Each worker's concurrent batches unless a stage says otherwise; the local stack runs the same (see the field's comment below). */
export const DEFAULT_MAX_CONCURRENCY: Readonly<Record<SyncDirection, number>> = {
  'partnero-to-attio': 100,
  'attio-to-partnero': 100,
};

/** `-c` values are strings: accept a comma-separated list there and an array in cdk.json. */
const emailList = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((email) => email.trim())
          .filter(Boolean)
      : value,
  z.array(z.email()),
);

export const stageConfigSchema = z
  .object({
    /** Part of the stack name and of the few physical names (queues, key alias), so two stages never clash. */
    stageName: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,19}$/, 'lowercase letters, digits and dashes, 2-20 characters, starting with a letter'),
    /** Who is emailed when an alarm fires; each address must confirm the SNS subscription once. */
    alarmEmails: emailList.default([]),
    /**
     * Concurrent batches per worker (ESM MaximumConcurrency), sized from the target: 5,000
     * programs and 50 changes/s across them, sustained. The provider limits are not what this
     * protects any more (each workspace's and program's budget is enforced before the call).
     *
     *   one change at AWS latencies, in sequence: ~8 DynamoDB calls x 10 ms + 1-3 provider calls
     *   x 150 ms = 0.23-0.53 s (Attio -> Partnero: 2-4 provider calls, up to ~0.7 s)
     *   Little's law: changes in flight = 50/s x 0.53 s = 27 (x 0.7 s = 35)
     *   a batch applies its records side by side, so it lasts about one change; spread over
     *   5,000 programs most batches hold one or two changes: 27-35 batches at once, worst case
     *   a flooded program holds at most LANES_PER_PROGRAM (8) batches (shared/queue/sync-queues.ts)
     *   100 = 35 x 1.5 for bursts, plus 6 programs flooded at once (6 x 8) on top of the target
     *
     * Concurrency costs nothing unused (Lambda bills duration), and the providers are protected
     * by their budgets, not by this cap. `npm run bench:scale` measures the concurrency the
     * target needs beside it. Lambda's account default (1,000 concurrent executions) holds both
     * workers' 200 with room.
     */
    partneroToAttioMaxConcurrency: maxConcurrency.default(DEFAULT_MAX_CONCURRENCY['partnero-to-attio']),
    attioToPartneroMaxConcurrency: maxConcurrency.default(DEFAULT_MAX_CONCURRENCY['attio-to-partnero']),
    /**
     * Provider budgets the queue workers keep to, in calls per second (`shared/provider-budget/`).
     * Unset: Attio's documented 25 writes and 100 reads per workspace, and 5 requests per Partnero
     * program (Partnero publishes no number; our conservative choice). Lower them for a workspace
     * that shares its limit with other busy apps; raise Partnero's only once Partnero agrees.
     */
    attioWritesPerSecond: z.coerce.number().int().min(1).max(10_000).optional(),
    attioReadsPerSecond: z.coerce.number().int().min(1).max(10_000).optional(),
    partneroRequestsPerSecond: z.coerce.number().int().min(1).max(10_000).optional(),
    /**
     * The Attio event window W, in seconds: the Attio route drops a replay, or a byte-identical
     * event, received in the same window, and the Attio -> Partnero queue delays every message by
     * W so that none of the changes is missed (shared/attio-to-partnero/attio-event-deduplication.ts).
     * Longer: fewer re-fetches per replayed event, every Attio change synced later. At most 300
     * (SQS's deduplication interval).
     */
    attioEventWindowSeconds: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_ATTIO_EVENT_WINDOW_SECONDS)
      .default(DEFAULT_ATTIO_EVENT_WINDOW_SECONDS),
    logRetentionDays: z.coerce
      .number()
      .refine((days) => (logRetentionDays as readonly number[]).includes(days), `one of ${logRetentionDays.join(', ')}`)
      .default(90),
    /** How long each program's sync history (audit entries) is kept, in days: DynamoDB TTL removes older ones. */
    auditRetentionDays: z.coerce.number().int().min(1).max(3650).default(30),
    /** Sync lag that pages someone: the oldest message of a sync queue older than this. */
    oldestMessageAlarmMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    /** `retain` keeps tables, key, secret and logs when the stack is deleted; only throwaway stages say `destroy`. */
    removalPolicy: z.enum(['retain', 'destroy']).default('retain'),
    attioApiUrl: z.url({ protocol: /^https$/ }).default('https://api.attio.com'),
    attioAppUrl: z.url({ protocol: /^https$/ }).default('https://app.attio.com'),
    partneroApiUrl: z.url({ protocol: /^https$/ }).default('https://api.partnero.com'),
    /**
     * The service's public base URL when a custom domain fronts the API (no trailing slash).
     * Unset: the API's own execute-api URL.
     */
    publicApiUrl: z
      .url({ protocol: /^https$/ })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    /**
     * CloudFront and an AWS WAF web ACL in front of the API, with a per-client-IP rate limit
     * (lib/constructs/edge-protection.ts). On in prod (cdk.json), off by default: a dev stage and
     * the local stack call the API directly. When on, the execute-api URL answers 401 to anyone
     * but CloudFront, and the providers and browsers are given the CloudFront URL.
     */
    edgeProtection: z
      .preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), z.boolean())
      .default(false),
    /** Requests per client IP in 5 minutes to `/webhooks/...` before WAF answers 429 (a provider's deliveries for all programs come from few IPs). */
    edgeWebhookRequestsPerIp: z.coerce.number().int().min(10).max(2_000_000_000).optional(),
    /** Requests per client IP in 5 minutes to every other route (settings page, OAuth, admin, health). */
    edgePageRequestsPerIp: z.coerce.number().int().min(10).max(2_000_000_000).optional(),
    /**
     * The stack's region, needed when `edgeProtection` is on: the web ACL lives in a us-east-1
     * stack (CloudFront's WAF scope) and CDK references it across regions only between stacks with
     * an explicit region. Unset: the CLI profile's region (CDK_DEFAULT_REGION).
     */
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-west-1')
      .optional(),
  })
  // A misspelt field would otherwise be dropped silently and its default deployed.
  .strict()
  // A custom domain in front of the API would be a way around CloudFront (its routes answer 401
  // without CloudFront's header anyway); one on the distribution itself is not built yet.
  .refine((config) => !(config.edgeProtection && config.publicApiUrl), {
    path: ['publicApiUrl'],
    message:
      'not with edgeProtection: the providers must be given the CloudFront URL (a custom domain on the distribution is not built yet)',
  });

export type StageConfig = z.infer<typeof stageConfigSchema>;

export const DEFAULT_STAGE = 'dev';

const fields = Object.keys(stageConfigSchema.shape).filter((field) => field !== 'stageName');

/** The stages to synthesise: `-c stage=prod`, or several with `-c stage=dev,prod`; `dev` by default. */
export function requestedStages(node: Node): string[] {
  const raw: unknown = node.tryGetContext('stage') ?? DEFAULT_STAGE;
  if (typeof raw !== 'string')
    throw new Error('Context "stage" must be a stage name or a comma-separated list of them');
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return names.length > 0 ? [...new Set(names)] : [DEFAULT_STAGE];
}

/** Reads and validates one stage's configuration from context; throws naming every bad field. */
export function readStageConfig(node: Node, stageName: string): StageConfig {
  const fromCdkJson: unknown = (node.tryGetContext('stages') as Record<string, unknown> | undefined)?.[stageName] ?? {};
  if (typeof fromCdkJson !== 'object' || fromCdkJson === null || Array.isArray(fromCdkJson)) {
    throw new Error(`Context "stages.${stageName}" must be an object`);
  }
  const fromCommandLine = Object.fromEntries(
    fields
      .map((field) => [field, node.tryGetContext(`${stageName}:${field}`) as unknown])
      .filter(([, value]) => value !== undefined),
  );
  const parsed = stageConfigSchema.safeParse({ ...fromCdkJson, ...fromCommandLine, stageName });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(stage)'}: ${issue.message}`);
    throw new Error(`Invalid configuration of stage "${stageName}": ${problems.join('; ')}`);
  }
  return parsed.data;
}

export function maxConcurrencyFor(config: StageConfig, direction: SyncDirection): number {
  return direction === 'partnero-to-attio'
    ? config.partneroToAttioMaxConcurrency
    : config.attioToPartneroMaxConcurrency;
}
