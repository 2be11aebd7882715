import { Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Construct } from 'constructs';
import { httpFunctions } from '../functions/catalog';
import { ServiceFunction } from './constructs/service-function';

export class SyncServiceStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const api = new HttpApi(this, 'Api', { description: 'Partnero <-> Attio sync: webhooks, OAuth, settings' });
    for (const definition of httpFunctions) {
      const fn = new ServiceFunction(this, `${pascal(definition.name)}Function`, { entry: definition.entry });
      const integration = new HttpLambdaIntegration(`${pascal(definition.name)}Integration`, fn);
      for (const route of definition.routes) {
        api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration });
      }
    }
  }
}

function pascal(name: string): string {
  return name.replace(/(^|[-_ ])(\w)/g, (_match, _sep, letter: string) => letter.toUpperCase());
}
