import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { settingsAppScriptGzipBase64 } from './browser/settings-app.bundle';
import { settingsStylesheet } from './page-styles';

/**
 * The page's two static files, named by a hash of their content so a browser may cache them
 * for good (`immutable`): a new deployment changes the name, never the content behind a name.
 */
interface Asset {
  readonly name: string;
  readonly contentType: string;
  readonly body: Buffer;
  readonly gzipped: Buffer | undefined;
}

const scriptGzipped = Buffer.from(settingsAppScriptGzipBase64, 'base64');
const script = gunzipSync(scriptGzipped);
const stylesheet = Buffer.from(settingsStylesheet, 'utf8');

const hashOf = (content: Buffer) => createHash('sha256').update(content).digest('hex').slice(0, 12);

export const pageAssets: Readonly<Record<'script' | 'stylesheet', Asset>> = {
  script: {
    name: `settings-app.${hashOf(script)}.js`,
    contentType: 'text/javascript; charset=utf-8',
    body: script,
    gzipped: scriptGzipped,
  },
  stylesheet: {
    name: `settings.${hashOf(stylesheet)}.css`,
    contentType: 'text/css; charset=utf-8',
    body: stylesheet,
    gzipped: undefined,
  },
};

export function assetResponse(
  name: string,
  acceptEncoding: string | undefined,
): APIGatewayProxyStructuredResultV2 | undefined {
  const asset = Object.values(pageAssets).find((candidate) => candidate.name === name);
  if (!asset) return undefined;
  const gzip = asset.gzipped !== undefined && /\bgzip\b/.test(acceptEncoding ?? '');
  return {
    statusCode: 200,
    headers: {
      'content-type': asset.contentType,
      // Private: the assets sit behind the program's session cookie.
      'cache-control': 'private, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    },
    body: (gzip ? (asset.gzipped as Buffer) : asset.body).toString('base64'),
    isBase64Encoded: true,
  };
}
