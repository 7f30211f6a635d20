import { resolve } from 'node:path';
import { buildApp } from './build-app.ts';

/** `npx cdk synth` / `npx cdk deploy` entry (cdk.json). Needs no AWS credentials to synthesize. */
buildApp(resolve(import.meta.dirname, '..')).app.synth();
