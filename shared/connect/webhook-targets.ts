import { ConfigurationError } from '../errors';
import { isLoopbackHost } from '../http/loopback-host';

/**
 * Where the providers deliver a program's webhooks, built from PUBLIC_API_URL. Attio accepts
 * only `https://` targets; the one exception made here is a loopback http origin, which only the
 * local stack (with the Attio simulator) has. In AWS, PUBLIC_API_URL is the API's https URL.
 */
export function partneroWebhookTarget(publicApiUrl: string, programId: string): string {
  return `${base(publicApiUrl)}/webhooks/partnero/${encodeURIComponent(programId)}`;
}

export function attioWebhookTarget(publicApiUrl: string, programId: string): string {
  const url = new URL(publicApiUrl);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new ConfigurationError('Attio only delivers webhooks to https:// URLs; PUBLIC_API_URL must be https');
  }
  return `${base(publicApiUrl)}/webhooks/attio/${encodeURIComponent(programId)}`;
}

export function attioRedirectUri(publicApiUrl: string): string {
  return `${base(publicApiUrl)}/oauth/attio/callback`;
}

export function settingsPageUrl(publicApiUrl: string, programId: string): string {
  return `${base(publicApiUrl)}/settings/${encodeURIComponent(programId)}`;
}

function base(publicApiUrl: string): string {
  return publicApiUrl.replace(/\/+$/, '');
}
