import { isAbsolute, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidLocalConfig, localConfigFromEnv } from '../../../local/local-config';

describe('the local stack’s configuration', () => {
  it('listens on 127.0.0.1 on its default ports when nothing is set', () => {
    // Prepare, Act
    const config = localConfigFromEnv({});

    // Assess
    expect(config).toEqual({
      host: '127.0.0.1',
      ports: { smtp: 2525, ses: 8005, api: 3000, dynamodb: 8000, s3: 4569, sfn: 8083 },
      dataDir: resolve('.local/data'),
      logLevel: 'WARN',
    });
  });

  it('takes every value from its environment variable', () => {
    // Prepare
    const env = {
      MOTCUA_HOST: '0.0.0.0',
      MOTCUA_SMTP_PORT: '2626',
      MOTCUA_SES_PORT: '18005',
      MOTCUA_API_PORT: '13000',
      MOTCUA_DYNAMODB_PORT: '18000',
      MOTCUA_S3_PORT: '14569',
      MOTCUA_SFN_PORT: '18083',
      MOTCUA_DATA_DIR: 'tmp/motcua-data',
      MOTCUA_LOG_LEVEL: 'DEBUG',
      MOTCUA_DYNAMODB_TABLE: 'motcua-other',
    };

    // Act
    const config = localConfigFromEnv(env);

    // Assess
    expect(config).toEqual({
      host: '0.0.0.0',
      ports: { smtp: 2626, ses: 18005, api: 13000, dynamodb: 18000, s3: 14569, sfn: 18083 },
      dataDir: resolve('tmp/motcua-data'),
      logLevel: 'DEBUG',
      tableName: 'motcua-other',
    });
    expect(isAbsolute(config.dataDir)).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    // Prepare, Act
    const config = localConfigFromEnv({ MOTCUA_SMTP_PORT: '', MOTCUA_HOST: '' });

    // Assess
    expect(config.ports.smtp).toBe(2525);
    expect(config.host).toBe('127.0.0.1');
  });

  it.each([
    ['a word', 'smtp'],
    ['zero', '0'],
    ['a port above 65535', '65536'],
    ['a fraction', '2525.5'],
    ['a negative number', '-25'],
  ])('refuses %s as a port, naming the variable and the value', (_story, value) => {
    // Prepare
    const env = { MOTCUA_SMTP_PORT: value };

    // Act, Assess
    expect(() => localConfigFromEnv(env)).toThrow(InvalidLocalConfig);
    expect(() => localConfigFromEnv(env)).toThrow(`MOTCUA_SMTP_PORT must be a port number (1-65535), got "${value}"`);
  });

  it('refuses two services on the same port, naming both', () => {
    // Prepare
    const env = { MOTCUA_S3_PORT: '8000' };

    // Act, Assess
    expect(() => localConfigFromEnv(env)).toThrow(new InvalidLocalConfig('dynamodb and s3 are both set to port 8000'));
  });

  it('accepts the ends of the port range', () => {
    // Prepare, Act
    const config = localConfigFromEnv({ MOTCUA_SMTP_PORT: '1', MOTCUA_API_PORT: '65535' });

    // Assess
    expect(config.ports.smtp).toBe(1);
    expect(config.ports.api).toBe(65_535);
  });
});
