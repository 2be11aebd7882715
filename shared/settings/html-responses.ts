import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createHash } from 'node:crypto';

/**
 * HTML answers of the settings page and the OAuth routes, with the headers a page holding a
 * program's configuration should have: no caching, no framing, no referrer (the settings link's
 * token must not leak), and a CSP that allows our own script and stylesheet and nothing else.
 */
export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] as string,
  );
}

/** JSON for a `<script type="application/json">` block: `<` escaped so no string can close the tag. */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** `formActionOrigins`: where a form may lead besides ourselves, redirects included (the Connect form ends at Attio's authorize page). */
export function contentSecurityPolicy(
  extraStyleHashes: readonly string[] = [],
  formActionOrigins: readonly string[] = [],
): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self'${extraStyleHashes.map((hash) => ` '${hash}'`).join('')}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    `form-action 'self'${formActionOrigins.map((origin) => ` ${origin}`).join('')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export const pageSecurityHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  // The page holds a session: browsers must never reach it over plain HTTP (the API is HTTPS only).
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
} as const;

export function htmlResponse(
  statusCode: number,
  html: string,
  options: { cookies?: string[]; styleHashes?: readonly string[]; formActionOrigins?: readonly string[] } = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      ...pageSecurityHeaders,
      'content-security-policy': contentSecurityPolicy(options.styleHashes, options.formActionOrigins),
    },
    cookies: options.cookies,
    body: html,
  };
}

export function redirectResponse(
  location: string,
  cookies?: string[],
  statusCode = 303,
): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { location, ...pageSecurityHeaders }, cookies, body: '' };
}

const messageStyle = [
  'body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe ' +
    'UI",Roboto,sans-serif;color:#101828;background:#f5f6f8;display:grid;place-items:center;min-height:100vh}',
  'main{max-width:30rem;margin:1.5rem;padding:2rem;background:#fff;border:1px solid #e4e7ec;border-radius:14px;box-shadow:0 1px 2px rgba(16,24,40,.06)}',
  'h1{font-size:1.25rem;margin:0 0 .5rem}p{margin:.5rem 0;color:#475467}.code{font:600 ' +
    '.75rem/1 system-ui;letter-spacing:.06em;text-transform:uppercase;color:#6941c6}',
  'a{color:#4f46e5;font-weight:600}',
].join('');
const messageStyleHash = `sha256-${createHash('sha256').update(messageStyle).digest('base64')}`;

/** A small standalone page for refusals and errors (no link back into a session it does not have). */
export function messagePage(
  statusCode: number,
  title: string,
  message: string,
  link?: { href: string; label: string },
): APIGatewayProxyStructuredResultV2 {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)} · Partnero ⇄ Attio</title><style>${messageStyle}</style></head>
<body><main role="main" aria-labelledby="title"><p class="code">Error ${statusCode}</p><h1 id="title">${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${
    link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : ''
  }</main></body>
</html>`;
  return htmlResponse(statusCode, html, { styleHashes: [messageStyleHash] });
}
