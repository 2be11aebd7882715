import { App } from 'aws-cdk-lib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../../cdk.json';
import { serviceFunctions, type FunctionDefinition, type QueueWorkerDefinition } from '../../../functions/catalog';
import { syncDirections, type SyncDirection } from '../../../shared/queue/sync-queues';
import { buildServiceApp } from '../../../lib/service-app';
import type { SyncServiceStack } from '../../../lib/sync-service-stack';

export interface SynthesizeOptions {
  /** As `-c stage=...`: one stage or a comma-separated list. */
  readonly stages?: string;
  /** Extra context, as `-c key=value` on the command line. */
  readonly context?: Record<string, unknown>;
  readonly catalog?: readonly FunctionDefinition[];
  /** Bundle the functions with esbuild; off by default, which keeps a synth well under a second. */
  readonly bundle?: boolean;
}

export interface SynthesizedService {
  readonly app: App;
  readonly stacks: SyncServiceStack[];
}

const outdirs: string[] = [];
// Registered when a test file imports this module: its synth output goes when the file is done.
afterAll(() => {
  for (const outdir of outdirs.splice(0)) rmSync(outdir, { recursive: true, force: true });
});

/** An empty app for constructs tested on their own; its output is removed like the service's. */
export function scratchApp(context: Record<string, unknown> = {}): App {
  const outdir = mkdtempSync(join(tmpdir(), 'infra-test-'));
  outdirs.push(outdir);
  return new App({ outdir, context });
}

/** The app exactly as `cdk synth` builds it (cdk.json's context included), without the CLI. */
export function synthesizeService(options: SynthesizeOptions = {}): SynthesizedService {
  const outdir = mkdtempSync(join(tmpdir(), 'infra-test-'));
  outdirs.push(outdir);
  const app = new App({
    outdir,
    context: {
      ...cdkJson.context,
      stage: options.stages ?? 'dev',
      // As a deploy from a profile in eu-west-1 would: prod's edge protection needs a region.
      'prod:region': 'eu-west-1',
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
  const stacks = buildServiceApp(app, { catalog: options.catalog });
  return { app, stacks };
}

export function onlyStack(service: SynthesizedService): { stack: SyncServiceStack; template: Template } {
  const [stack] = service.stacks;
  if (!stack || service.stacks.length !== 1) throw new Error(`expected one stack, got ${service.stacks.length}`);
  return { stack, template: Template.fromStack(stack) };
}

/**
 * The catalog with a queue worker for every direction: the real one where the catalog has it,
 * a stand-in (any handler file will do, bundling is skipped) where it does not yet.
 */
export function catalogWithWorkers(): FunctionDefinition[] {
  const missing = syncDirections.filter(
    (direction) => !serviceFunctions.some((fn) => fn.kind === 'queue-worker' && fn.direction === direction),
  );
  return [...serviceFunctions, ...missing.map(standInWorker)];
}

function standInWorker(direction: SyncDirection): QueueWorkerDefinition {
  return {
    kind: 'queue-worker',
    name: `stand-in-${direction}-worker`,
    entry: 'functions/health/handler.ts',
    direction,
    needs: {
      syncTable: 'read-write',
      ownDeadLetterQueue: 'send',
      tokenKey: 'decrypt',
      providers: ['attio', 'partnero'],
    },
    description: `Stands in for the ${direction} worker until the catalog has one`,
  };
}
