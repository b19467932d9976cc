/**
 * What every SDK client pointed at a local stand-in needs besides its endpoint: a region and
 * credentials, so the SDK signs without looking for real ones (~/.aws, instance metadata).
 */
export const LOCAL_REGION = 'ap-southeast-1';

/**
 * s3rver rejects any access key but its built-in S3RVER (InvalidAccessKeyId); DynamoDB Local and
 * aws-ses-v2-local accept anything, so this one pair serves all stand-ins.
 */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export function localClientConfig(endpoint: string) {
  return { endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
}
