import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { fromProjectRoot } from './paths';

/**
 * What config/security.json decides: S3 Object Lock retention of each record bucket, and the
 * staff console's sign-in URLs. Data an agency edits, not code.
 */
const retention = z.strictObject({
  /** GOVERNANCE: only a principal granted s3:BypassGovernanceRetention may shorten it; COMPLIANCE: nobody, not even the account's root. */
  mode: z.enum(['GOVERNANCE', 'COMPLIANCE']),
  days: z.number().int().min(1).max(36500),
  verify: z.boolean().optional(),
  source: z.string().min(1),
});

const httpsUrl = z.url().refine((u) => u.startsWith('https://') || /^http:\/\/localhost(:\d+)?\//.test(u), 'must be https:// (or http://localhost for development)');

export const securityConfigSchema = z.object({
  $comment: z.string().optional(),
  objectLock: z.strictObject({ documents: retention, rawMail: retention, digests: retention }),
  staffSignIn: z.object({ $comment: z.string().optional(), callbackUrls: z.array(httpsUrl).min(1), logoutUrls: z.array(httpsUrl).min(1) }),
});

export type SecurityConfig = z.infer<typeof securityConfigSchema>;
export type Retention = SecurityConfig['objectLock']['documents'];

export const SECURITY_CONFIG_FILE = 'config/security.json';

export function loadSecurityConfig(file = SECURITY_CONFIG_FILE): SecurityConfig {
  const result = securityConfigSchema.safeParse(JSON.parse(readFileSync(fromProjectRoot(file), 'utf8')));
  if (!result.success) throw new Error(`${file} is not valid: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return result.data;
}
