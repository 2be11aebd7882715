import { App } from 'aws-cdk-lib';
import { buildServiceApp } from '../lib/service-app';

// Stages and their settings come from context: see lib/stage-config.ts and docs/deploy.md.
buildServiceApp(new App());
