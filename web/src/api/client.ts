import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { ApiError } from './errors';

/** The API's types, generated from openapi/motcua-api.yaml (npm run build:api-types). */
export type Schemas = components['schemas'];
export type CaseSummary = Schemas['CaseSummary'];
export type CaseDetail = Schemas['CaseDetail'];
export type TimelineEvent = Schemas['TimelineEvent'];
export type VerifyReport = Schemas['VerifyReport'];
export type CaseDocument = Schemas['CaseDocument'];
export type ConsoleReference = Schemas['ConsoleReference'];
export type ExportJob = Schemas['ExportJob'];

export type Api = ReturnType<typeof createApiClient>;

/** A typed client of the staff API on `apiBase`, sending the signed-in person's token with each call. */
export function createApiClient(apiBase: string, token: () => Promise<string | undefined>) {
  const client = createClient<paths>({ baseUrl: apiBase });
  const auth: Middleware = {
    async onRequest({ request }) {
      const t = await token();
      if (t) request.headers.set('authorization', `Bearer ${t}`);
      return request;
    },
  };
  client.use(auth);
  return client;
}

/** The data of an openapi-fetch answer, or an ApiError carrying the status and the body. */
export async function must<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) throw new ApiError(response.status, error);
  return data;
}

/**
 * A file route (export, report): the bytes as a Blob with their file name, or the job building it
 * (202). Files go through fetch with the token, not a plain link, because links carry no token.
 */
export async function fetchFile(apiBase: string, token: string | undefined, path: string, query: Record<string, string>): Promise<{ blob: Blob; filename: string } | { job: ExportJob }> {
  const url = `${apiBase}${path}?${new URLSearchParams(query)}`;
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (response.status === 202) return { job: (await response.json()) as ExportJob };
  if (!response.ok) {
    const body = await response.json().catch(() => undefined);
    throw new ApiError(response.status, body);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'tep-tai-ve';
  return { blob: await response.blob(), filename };
}
