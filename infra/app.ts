import { resolve } from 'node:path';
import { buildApp } from './build-app.ts';
import { buildWebApps } from './local/web-apps.ts';

/** `npx cdk synth` / `npx cdk deploy` entry (cdk.json). Needs no AWS credentials to synthesize. */
const root = resolve(import.meta.dirname, '..');
await buildWebApps(root);
buildApp(root).app.synth();
