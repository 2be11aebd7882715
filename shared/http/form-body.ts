import type { APIGatewayProxyEventV2 } from 'aws-lambda';

const MAX_FORM_BYTES = 4096;

/**
 * One field of an `application/x-www-form-urlencoded` body (an HTML form's POST), or undefined.
 * API Gateway may hand the body over base64-encoded; anything that is not a small form is ignored.
 */
export function readFormField(
  event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded' | 'headers'>,
  name: string,
): string | undefined {
  const contentType = event.headers['content-type'] ?? '';
  if (event.body === undefined || !contentType.toLowerCase().startsWith('application/x-www-form-urlencoded'))
    return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw, 'utf8') > MAX_FORM_BYTES) return undefined;
  return new URLSearchParams(raw).get(name) ?? undefined;
}
