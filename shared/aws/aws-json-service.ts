import { AwsClient } from 'aws4fetch';
import { AwsConnectionError, postSigned, type PostAnswer } from './keep-alive-post';

/**
 * A thin client for AWS's JSON protocols (DynamoDB, SQS and KMS all speak it): one signed POST
 * per operation, `X-Amz-Target: <prefix>.<Operation>`, a JSON body in and out. The SigV4
 * signature comes from `aws4fetch` (about 6 kB) and the request goes over Node's HTTP client
 * (`keep-alive-post.ts`), not through the AWS SDK, whose core, protocol and middleware stack
 * weigh about 200 kB per bundle and most of a webhook's cold start (see the README's cold-start
 * table). Every deployed function uses it (the table's document layer in
 * `dynamodb-document-client.ts`, SQS in `sqs-queue-client.ts`): each call is one request whose
 * shape never changes, so the SDK's waiters and schema-driven serde earn nothing there.
 *
 * What it keeps of the SDK's behaviour:
 *  - credentials and region from the environment, as Lambda provides them (`fromEnv`);
 *  - the endpoint from `AWS_ENDPOINT_URL_<SERVICE>` or `AWS_ENDPOINT_URL` when set (the local
 *    stack's emulators), the regional one otherwise, as the SDK resolves them;
 *  - the standard retry: up to 3 attempts on throttling, 5xx and dropped connections, with
 *    full-jitter exponential backoff;
 *  - a typed error (`AwsServiceError`) named after the service's error code, so a caller decides
 *    by name (e.g. `ConditionalCheckFailedException`) as it would with the SDK's classes.
 */
export interface AwsJsonServiceDefinition {
  /** SigV4 signing name and the endpoint's host prefix: `dynamodb`, `sqs`, `kms`. */
  readonly signingName: string;
  /** The service's part of `AWS_ENDPOINT_URL_<SERVICE>`: `DYNAMODB`, `SQS`, `KMS`. */
  readonly endpointEnvironmentSuffix: string;
  /** `X-Amz-Target` prefix: `DynamoDB_20120810`, `AmazonSQS`, `TrentService`. */
  readonly targetPrefix: string;
  /** `1.0` (DynamoDB, SQS) or `1.1` (KMS). */
  readonly jsonVersion: '1.0' | '1.1';
}

/** An error answer of an AWS service, named after its code (the `__type` without its namespace). */
export class AwsServiceError extends Error {
  readonly statusCode: number;
  /** The whole error body (e.g. DynamoDB's `CancellationReasons`), for callers that need more than the name. */
  readonly body: Record<string, unknown>;

  constructor(name: string, message: string, statusCode: number, body: Record<string, unknown>) {
    super(message);
    this.name = name;
    this.statusCode = statusCode;
    this.body = body;
    // The answer's other fields on the error itself, as the SDK's exceptions carry them (DynamoDB's
    // `CancellationReasons`, the `Item` of `ReturnValuesOnConditionCheckFailure`).
    for (const [field, value] of Object.entries(body))
      if (!(field in this) && field !== '__type' && field.toLowerCase() !== 'message')
        Object.assign(this, { [field]: value });
  }
}

/** DynamoDB's JSON protocol. */
export const dynamoDbServiceDefinition: AwsJsonServiceDefinition = {
  signingName: 'dynamodb',
  endpointEnvironmentSuffix: 'DYNAMODB',
  targetPrefix: 'DynamoDB_20120810',
  jsonVersion: '1.0',
};
/** SQS's JSON protocol. */
export const sqsServiceDefinition: AwsJsonServiceDefinition = {
  signingName: 'sqs',
  endpointEnvironmentSuffix: 'SQS',
  targetPrefix: 'AmazonSQS',
  jsonVersion: '1.0',
};

/** Error codes the SDK's standard retry strategy treats as throttling (retried like a 5xx). */
const throttlingCodes = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

const MAX_ATTEMPTS = 3;
const BASE_DELAY_MS = 100;
const MAX_DELAY_MS = 20_000;

/** One signing-key cache for the container: aws4fetch derives a key per day, region and service. */
const signingKeyCache = new Map<string, ArrayBuffer>();

export class AwsJsonService {
  constructor(
    private readonly definition: AwsJsonServiceDefinition,
    private readonly environment: NodeJS.ProcessEnv = process.env,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async call<Output>(operation: string, input: object): Promise<Output> {
    const body = JSON.stringify(input);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.callOnce<Output>(operation, body);
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
        // Full jitter, as the SDK's standard strategy: a random delay up to base * 2^(attempt - 1).
        await this.sleep(Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1)));
      }
    }
  }

  private async callOnce<Output>(operation: string, body: string): Promise<Output> {
    const { signingName, targetPrefix, jsonVersion } = this.definition;
    const region = this.region();
    const signed = await this.client(region).sign(this.endpoint(region), {
      method: 'POST',
      headers: {
        'content-type': `application/x-amz-json-${jsonVersion}`,
        'x-amz-target': `${targetPrefix}.${operation}`,
      },
      body,
      aws: { service: signingName, region },
    });
    const answer = await postSigned(signed, body);
    const parsed = answer.text.length > 0 ? (JSON.parse(answer.text) as Record<string, unknown>) : {};
    if (answer.status >= 200 && answer.status < 300) return parsed as Output;
    throw serviceError(answer, parsed);
  }

  private client(region: string): AwsClient {
    const accessKeyId = this.environment.AWS_ACCESS_KEY_ID;
    const secretAccessKey = this.environment.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey)
      throw new Error('AWS credentials are not in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)');
    // Retries are ours (above), so throttling answered with a 400 is retried too.
    return new AwsClient({
      accessKeyId,
      secretAccessKey,
      sessionToken: this.environment.AWS_SESSION_TOKEN,
      service: this.definition.signingName,
      region,
      cache: signingKeyCache,
      retries: 0,
    });
  }

  private region(): string {
    const region = this.environment.AWS_REGION ?? this.environment.AWS_DEFAULT_REGION;
    if (!region) throw new Error('AWS_REGION is not set');
    return region;
  }

  private endpoint(region: string): string {
    const configured =
      this.environment[`AWS_ENDPOINT_URL_${this.definition.endpointEnvironmentSuffix}`] ??
      this.environment.AWS_ENDPOINT_URL;
    if (configured) return configured.endsWith('/') ? configured : `${configured}/`;
    const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
    return `https://${this.definition.signingName}.${region}.${suffix}/`;
  }
}

function serviceError(response: PostAnswer, body: Record<string, unknown>): AwsServiceError {
  // `__type` is `com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException` or
  // `com.amazon.coral.service#...`; SQS's JSON answers may name the code in a header instead.
  const type = String(
    body.__type ??
      response.header('x-amzn-query-error')?.split(';')[0] ??
      response.header('x-amzn-errortype') ??
      `Http${response.status}`,
  );
  const name = type.split('#').pop()!.split(':')[0]!;
  const message = String(body.message ?? body.Message ?? `${name} (HTTP ${response.status})`);
  return new AwsServiceError(name, message, response.status, body);
}

function isRetryable(error: unknown): boolean {
  if (error instanceof AwsServiceError)
    return error.statusCode >= 500 || error.statusCode === 429 || throttlingCodes.has(error.name);
  return error instanceof AwsConnectionError;
}
