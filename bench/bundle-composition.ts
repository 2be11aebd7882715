/**
 * What each Lambda's bundle is made of: esbuild's metafile of the build `bench/cold-start.ts` makes
 * (the options of `lib/constructs/function-bundling.ts`), grouped by package (or `shared/<folder>`),
 * largest first. A tool for deciding what to trim, not a benchmark: it has no floor and writes no
 * result. Run: npx tsx bench/bundle-composition.ts [function-name] [--top 15]
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serviceFunctions } from '../functions/catalog';
import { functionBundling } from '../lib/constructs/function-bundling';

const { values, positionals } = parseArgs({
  options: { top: { type: 'string', default: '15' } },
  allowPositionals: true,
});
const projectRoot = join(__dirname, '..');

function groupOf(inputPath: string): string {
  const fromPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(inputPath);
  if (fromPackage) return fromPackage[1]!;
  const fromShared = /(?:^|\/)shared\/([^/]+)/.exec(inputPath);
  return fromShared
    ? `shared/${fromShared[1]!.replace(/\.ts$/, '')}`
    : inputPath.replace(/^.*\/(functions|lib)\//, '$1/');
}

async function main(): Promise<void> {
  for (const definition of serviceFunctions.filter(
    (candidate) => positionals.length === 0 || positionals.includes(candidate.name),
  )) {
    const result = await build({
      entryPoints: [join(projectRoot, definition.entry)],
      outfile: join(projectRoot, 'cdk.out', 'composition', `${definition.name}.js`),
      write: false,
      metafile: true,
      bundle: true,
      platform: 'node',
      minify: functionBundling.minify,
      target: functionBundling.target,
      format: functionBundling.format,
      mainFields: [...functionBundling.mainFields],
      external: [...functionBundling.externalModules],
      logLevel: 'silent',
    });
    const [output] = Object.values(result.metafile.outputs);
    const groups = new Map<string, number>();
    for (const [inputPath, input] of Object.entries(output!.inputs))
      groups.set(groupOf(inputPath), (groups.get(groupOf(inputPath)) ?? 0) + input.bytesInOutput);
    console.log(`\n${definition.name}: ${(output!.bytes / 1024).toFixed(1)} kB`);
    for (const [group, bytes] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top)))
      console.log(`${(bytes / 1024).toFixed(1).padStart(8)} kB  ${group}`);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
