import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { FunctionDefinition } from '../functions/catalog';
import { readStageConfig, requestedStages } from './stage-config';
import { SyncServiceStack } from './sync-service-stack';

export function stackNameFor(stageName: string): string {
  return `PartneroAttioSync-${stageName}`;
}

/**
 * One stack per requested stage (`-c stage=prod`, `-c stage=dev,prod`; `dev` by default), and
 * cdk-nag's AwsSolutions pack on every synth: an unacknowledged finding fails the synth.
 * Acknowledgements live next to what they acknowledge, each with its reason.
 */
export function buildServiceApp(app: App, options: { readonly catalog?: readonly FunctionDefinition[] } = {}): SyncServiceStack[] {
  const stacks = requestedStages(app.node).map((stageName) => {
    const config = readStageConfig(app.node, stageName);
    return new SyncServiceStack(app, stackNameFor(stageName), {
      config,
      catalog: options.catalog,
      description: `Partnero <-> Attio two-way sync (${stageName})`,
      tags: { service: 'partnero-attio-sync', stage: stageName },
    });
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return stacks;
}
