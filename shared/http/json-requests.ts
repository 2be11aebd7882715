import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from 'zod';
import { errorResponse, jsonResponse } from './api-responses';
import { FieldValidationError, ValidationError } from '../errors';
import { httpStatusOf, publicMessageOf } from './http-errors';

/** Largest JSON body the admin and settings APIs accept; settings are a few KB. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** Parses and validates a JSON body; a ValidationError lists every problem as `path: message`. */
export function parseJsonBody<Schema extends z.ZodType>(
  event: APIGatewayProxyEventV2,
  schema: Schema,
  options: { optional?: boolean } = {},
): z.infer<Schema> {
  const raw =
    event.body === undefined
      ? ''
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body;
  if (Buffer.byteLength(raw, 'utf8') > MAX_JSON_BODY_BYTES)
    throw new ValidationError(`The body is larger than ${MAX_JSON_BODY_BYTES} bytes`);
  let json: unknown = {};
  if (raw.trim() !== '') {
    try {
      json = JSON.parse(raw);
    } catch {
      throw new ValidationError('The body is not valid JSON');
    }
  } else if (!options.optional) {
    throw new ValidationError('The body is missing: send JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
    throw new ValidationError('The body is not valid', issues);
  }
  return parsed.data;
}

/** The JSON answer for any error of the sync's family (never a stack, never a secret); a form's field issues go in `issues`. */
export function jsonErrorResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  const status = httpStatusOf(error);
  if (error instanceof FieldValidationError)
    return jsonResponse(status, { message: publicMessageOf(error), issues: error.fieldIssues });
  return errorResponse(status, publicMessageOf(error), error instanceof ValidationError ? error.issues : undefined);
}
