import { resolve } from 'node:path';

/** Where the local stack listens and keeps its data; every value has an environment override. */
export interface LocalConfig {
  host: string;
  ports: { smtp: number; ses: number; api: number; dynamodb: number; s3: number; sfn: number };
  dataDir: string;
  logLevel: string;
  /** The DynamoDB table (MOTCUA_DYNAMODB_TABLE), created if missing; unset, LOCAL_NAMES.table. Stacks that share one DynamoDB Local (the tests') each use their own. */
  tableName?: string;
}

export const PORT_VARIABLES = {
  smtp: ['MOTCUA_SMTP_PORT', 2525],
  ses: ['MOTCUA_SES_PORT', 8005],
  api: ['MOTCUA_API_PORT', 3000],
  dynamodb: ['MOTCUA_DYNAMODB_PORT', 8000],
  s3: ['MOTCUA_S3_PORT', 4569],
  sfn: ['MOTCUA_SFN_PORT', 8083],
} as const;

export class InvalidLocalConfig extends Error {
  override readonly name = 'InvalidLocalConfig';
}

export function localConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const port = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > 65535) throw new InvalidLocalConfig(`${name} must be a port number (1-65535), got "${raw}"`);
    return value;
  };
  const ports = Object.fromEntries(Object.entries(PORT_VARIABLES).map(([service, [name, fallback]]) => [service, port(name, fallback)])) as LocalConfig['ports'];
  const seen = new Map<number, string>();
  for (const [service, value] of Object.entries(ports)) {
    const other = seen.get(value);
    if (other) throw new InvalidLocalConfig(`${other} and ${service} are both set to port ${value}`);
    seen.set(value, service);
  }
  return {
    host: env.MOTCUA_HOST || '127.0.0.1',
    ports,
    dataDir: resolve(env.MOTCUA_DATA_DIR || '.local/data'),
    logLevel: env.MOTCUA_LOG_LEVEL || 'WARN',
    ...(env.MOTCUA_DYNAMODB_TABLE ? { tableName: env.MOTCUA_DYNAMODB_TABLE } : {}),
  };
}
