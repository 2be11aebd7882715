import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serviceFunctions } from '../../functions/catalog';
import { synthesizeService } from './support/service-app';

// The one test that bundles: every catalog function, with the esbuild in node_modules (no Docker).
// Asset metadata (as the CLI turns on) says which asset directory is whose.
const { app, stacks } = synthesizeService({ bundle: true, context: { 'aws:cdk:enable-asset-metadata': true } });
const assembly = app.synth();
const [stack] = stacks;

describe.each(serviceFunctions.map((definition) => [definition.name]))('the %s Lambda asset', (name) => {
  const fn = stack!.functions.functions.get(name)!;
  const cfnFunction = fn.node.defaultChild as CfnFunction;
  const assetDirectory = join(assembly.directory, cfnFunction.getMetadata('aws:asset:path') as string);

  it('is one minified CommonJS bundle with its source map, and no TypeScript', () => {
    // Act
    const files = readdirSync(assetDirectory).sort();
    // Assess
    expect(files).toEqual(['index.js', 'index.js.map']);
    const bundle = readFileSync(join(assetDirectory, 'index.js'), 'utf8');
    expect(bundle).toMatch(/sourceMappingURL=index\.js\.map/);
    // Minified: long lines (thousands of characters on average), not one statement per line.
    expect(bundle.length / bundle.split('\n').length).toBeGreaterThan(1000);
    expect(bundle).toMatch(/module\.exports|exports\./);
  });

  it('runs index.handler on nodejs22.x for arm64', () => {
    const resolved = stack!.resolve({ runtime: cfnFunction.runtime, handler: cfnFunction.handler, architectures: cfnFunction.architectures }) as Record<string, unknown>;
    expect(resolved).toEqual({ runtime: 'nodejs22.x', handler: 'index.handler', architectures: ['arm64'] });
    expect(existsSync(join(assetDirectory, 'index.js'))).toBe(true);
  });
});
