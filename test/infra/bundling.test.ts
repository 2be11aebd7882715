import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { serviceFunctions } from '../../functions/catalog';
import { synthesizeService } from './support/service-app';

// The one test that bundles: every catalog function, with the esbuild in node_modules (no Docker).
// Asset metadata (as the CLI turns on) says which asset directory is whose.
const { app, stacks } = synthesizeService({ bundle: true, context: { 'aws:cdk:enable-asset-metadata': true } });
const assembly = app.synth();
const [stack] = stacks;

/** Issue 15's target for every deployed function's `index.js`. */
const BUNDLE_TARGET_KB = 400;
/**
 * Functions still over the target, each held to its size when measured (rounded up) so none grows
 * back while the rest of issue 15 is done. Remove an entry as soon as its function is within target.
 */
const bundleBudgetKb: Partial<Record<string, number>> = {
  'partnero-to-attio-worker': 520, // 515.9 kB; was 1,253 (the SDK's DynamoDB client stays: Powertools idempotency and the repositories)
  'attio-to-partnero-worker': 515, // 509.7; was 1,246
  'oauth-attio': 415, // 412.7 with the open-session check (issue 16); 404.6; was 1,163
  'settings-api': 467, // 466.2 with the Customers preview's Attio -> Partnero plan (issue 17); 457.1 with Needs attention's retry and the mapping preview; 453.2; was 1,222
  reconciliation: 426, // 425.6 with the commission status check (issue 17); 424.2 with the directory listing and backfill skip (issue 14); 411.0; was 1,173
  'settings-page': 460, // 457.7 with single-use links and sessions (issue 16); 438.1; was 1,180
  'admin-programs': 405, // 401.1 with sessions ended on removal (issue 16); 397.7; was 1,155
};

describe.each(serviceFunctions.map((definition) => [definition.name]))('the %s Lambda asset', (name) => {
  const fn = stack!.functions.functions.get(name)!;
  const cfnFunction = fn.node.defaultChild as CfnFunction;
  const assetDirectory = join(assembly.directory, cfnFunction.getMetadata('aws:asset:path') as string);

  it('is one minified CommonJS bundle with its source map (without the sources), and no TypeScript', () => {
    // Act
    const files = readdirSync(assetDirectory).sort();
    // Assess
    expect(files).toEqual(['index.js', 'index.js.map']);
    const bundle = readFileSync(join(assetDirectory, 'index.js'), 'utf8');
    expect(bundle).toMatch(/sourceMappingURL=index\.js\.map/);
    // Minified: long lines (thousands of characters on average), not one statement per line.
    expect(bundle.length / bundle.split('\n').length).toBeGreaterThan(1000);
    expect(bundle).toMatch(/module\.exports|exports\./);
    const sourceMap = JSON.parse(readFileSync(join(assetDirectory, 'index.js.map'), 'utf8')) as { sources: string[]; sourcesContent?: unknown };
    expect(sourceMap.sources.length).toBeGreaterThan(0);
    expect(sourceMap.sourcesContent).toBeUndefined();
  });

  it(`has an index.js within its budget (issue 15: ${BUNDLE_TARGET_KB} kB for every function)`, () => {
    const kilobytes = statSync(join(assetDirectory, 'index.js')).size / 1024;
    expect(kilobytes).toBeLessThanOrEqual(bundleBudgetKb[name] ?? BUNDLE_TARGET_KB);
  });

  if (bundleBudgetKb[name] !== undefined) {
    // Fails (and so passes) while the function is over the target; once it is within, this turns
    // red and asks for its entry in `bundleBudgetKb` to go.
    it.failing(`is within ${BUNDLE_TARGET_KB} kB (not yet)`, () => {
      expect(statSync(join(assetDirectory, 'index.js')).size / 1024).toBeLessThanOrEqual(BUNDLE_TARGET_KB);
    });
  }

  it('runs without --enable-source-maps (it costs every cold start about 40% more init)', () => {
    const resolved = stack!.resolve(cfnFunction.environment) as { variables?: Record<string, unknown> };
    expect(resolved.variables?.NODE_OPTIONS).toBeUndefined();
  });

  it('runs index.handler on nodejs22.x for arm64', () => {
    const resolved = stack!.resolve({ runtime: cfnFunction.runtime, handler: cfnFunction.handler, architectures: cfnFunction.architectures }) as Record<string, unknown>;
    expect(resolved).toEqual({ runtime: 'nodejs22.x', handler: 'index.handler', architectures: ['arm64'] });
    expect(existsSync(join(assetDirectory, 'index.js'))).toBe(true);
  });
});
