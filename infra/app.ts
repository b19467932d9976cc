import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { parseOfficeDirectory } from '../shared/offices/directory';
import { MotcuaStack } from './motcua-stack';
import { addComplianceChecks } from './nag';
import { fromProjectRoot } from './paths';

const app = new App();

const directoryFile = 'config/offices.json';
const directory = parseOfficeDirectory(JSON.parse(readFileSync(fromProjectRoot(directoryFile), 'utf8')), directoryFile);
const alarmEmail: unknown = app.node.tryGetContext('alarmEmail');

new MotcuaStack(app, 'Motcua', {
  description: 'motcua: one-stop desk for civil judgment enforcement (THADS)',
  directory,
  alarmEmail: typeof alarmEmail === 'string' && alarmEmail !== '' ? alarmEmail : undefined,
});

addComplianceChecks(app);
