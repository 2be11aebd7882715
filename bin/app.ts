import { App } from 'aws-cdk-lib';
import { SyncServiceStack } from '../lib/sync-service-stack';

const app = new App();
new SyncServiceStack(app, 'PartneroAttioSync');
