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

/**
 * Issue 15's target for every deployed function's `index.js`. Measured 162-255 kB once no
 * function bundled the AWS SDK (`shared/aws/`: DynamoDB and SQS over aws4fetch); were 365-516.
 */
const BUNDLE_TARGET_KB = 400;
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
    // Minified: long lines (hundreds to thousands of characters on average; unminified code has
    // about 40), not one statement per line. The settings page's HTML and CSS keep their own line
    // breaks in its strings (its CSS one declaration a line), so its average is the lowest
    // (about 440 characters), still many times unminified code's.
    expect(bundle.length / bundle.split('\n').length).toBeGreaterThan(300);
    expect(bundle).toMatch(/module\.exports|exports\./);
    const sourceMap = JSON.parse(readFileSync(join(assetDirectory, 'index.js.map'), 'utf8')) as {
      sources: string[];
      sourcesContent?: unknown;
    };
    expect(sourceMap.sources.length).toBeGreaterThan(0);
    expect(sourceMap.sourcesContent).toBeUndefined();
  });

  it(`has an index.js within its budget (issue 15: ${BUNDLE_TARGET_KB} kB for every function)`, () => {
    const kilobytes = statSync(join(assetDirectory, 'index.js')).size / 1024;
    expect(kilobytes).toBeLessThanOrEqual(BUNDLE_TARGET_KB);
  });

  it('bundles no AWS SDK client (the Smithy core alone was about 110 kB of each)', () => {
    const sourceMap = JSON.parse(readFileSync(join(assetDirectory, 'index.js.map'), 'utf8')) as { sources: string[] };
    expect(sourceMap.sources.filter((source) => /node_modules\/(@smithy|@aws-sdk\/client-)/.test(source))).toEqual([]);
  });

  it('runs without --enable-source-maps (it costs every cold start about 40% more init)', () => {
    const resolved = stack!.resolve(cfnFunction.environment) as { variables?: Record<string, unknown> };
    expect(resolved.variables?.NODE_OPTIONS).toBeUndefined();
  });

  it('runs index.handler on nodejs22.x for arm64', () => {
    const resolved = stack!.resolve({
      runtime: cfnFunction.runtime,
      handler: cfnFunction.handler,
      architectures: cfnFunction.architectures,
    }) as Record<string, unknown>;
    expect(resolved).toEqual({ runtime: 'nodejs22.x', handler: 'index.handler', architectures: ['arm64'] });
    expect(existsSync(join(assetDirectory, 'index.js'))).toBe(true);
  });
});
