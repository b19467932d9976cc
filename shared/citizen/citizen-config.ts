import * as z from 'zod';
import citizenJson from '../../config/citizen.json';

/** config/citizen.json: the agency's settings for the citizen's pages (links, survey, attempts allowed). */
const citizenConfigSchema = z.object({
  publicBaseUrl: z.url(),
  statusLink: z.object({ validDaysAfterClosing: z.number().int().positive() }),
  survey: z.object({ commentMaxLength: z.number().int().positive().max(5000), validDaysAfterClosing: z.number().int().positive() }),
  rateLimit: z.object({ perSourcePerMinute: z.number().int().positive(), globalPerMinute: z.number().int().positive() }),
});

export type CitizenConfig = z.infer<typeof citizenConfigSchema>;

export function parseCitizenConfig(json: unknown, source = 'config/citizen.json'): CitizenConfig {
  const parsed = citizenConfigSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${source}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The bundled settings; the base URL of the links is PUBLIC_BASE_URL where CDK (or the local stack) sets it. */
export const citizenConfig: CitizenConfig = parseCitizenConfig(citizenJson);

/** Where the citizen's pages are published: PUBLIC_BASE_URL (set by CDK from the config, by the local stack to its own address). */
export const publicBaseUrl = (): string => (process.env.PUBLIC_BASE_URL ?? citizenConfig.publicBaseUrl).replace(/\/+$/, '');
