import type { Permission } from '../../shared/auth/authorize';
import type { Principal } from '../../shared/auth/principal';
import type { StaffPorts } from '../../shared/staff/ports';
import type { ChainDigest } from '../../shared/digest/chain-digest';
import type { ExportJobPorts } from '../../shared/staff/export-jobs';
import type * as z from 'zod';
import type { ApiError } from './schemas';
import type { AppointmentOccupancy } from '../../shared/staff/appointment-book';
import type { CitizenPorts } from '../../shared/citizen/public-access';

/** What a route handler gets: the verified caller, the path parameters, the query and the parsed body. */
export interface ApiRequest {
  principal: Principal;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body: unknown;
  /** The request's headers, names in lower case. */
  headers: Record<string, string | undefined>;
  /** The caller's address as API Gateway saw it (the citizen's routes count attempts by it). */
  sourceIp: string;
}

export interface FileReply {
  content: string | Buffer;
  contentType: string;
  filename: string;
}

/** A JSON answer, or a file (CSV, spreadsheet) with its content type. */
export type ApiReply = { status: number; json: unknown } | { status: number; file: FileReply };

/** A route's answer that is a file: the schema of its content by media type. */
export interface FileAnswer {
  files: Record<string, z.ZodType>;
}

/** What a route answers when it does what was asked, by status (the router adds the refusals). */
export type Answers = Partial<Record<200 | 201 | 202 | 503, z.ZodType | FileAnswer>>;

/** The replies a handler may give: each answer's status with its schema's type (z.infer), or an error. */
export type ReplyOf<A extends Answers> =
  | {
      [S in keyof A & number]: A[S] extends FileAnswer ? { status: S; file: FileReply } : A[S] extends z.ZodType ? { status: S; json: z.infer<A[S]> } : never;
    }[keyof A & number]
  | { status: 404; json: ApiError };

/**
 * The schemas of what a route takes and answers (functions/api/schemas.ts). The handler's replies
 * are typed by them, and openapi/motcua-api.yaml is generated from them.
 */
export interface RouteContract<A extends Answers = Answers> {
  path?: z.ZodObject;
  /** Headers the route reads (documented; the citizen's token). */
  headers?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The body may be left out (an empty object is taken). */
  bodyOptional?: boolean;
  answers: A;
}

export interface ApiPorts extends StaffPorts {
  /** Whether the case store answers (GET /health). */
  caseStoreReachable(): Promise<boolean>;
  /** The daily chain digests (shared/digest), as the scheduled function wrote them. */
  digests: { latest(day?: string): Promise<{ key: string; digest: ChainDigest } | undefined> };
  /** Large exports and reports as jobs; without it every file is built in the request. */
  exportJobs?: ExportJobPorts;
  /** The appointment book of the desks (GET /offices/{office}/appointments); without it the route answers 400. */
  appointments?: AppointmentOccupancy;
  /** The citizen's private links, attempts and ratings (shared/citizen); without it the public citizen routes answer 404. */
  citizen?: CitizenPorts;
}

export type HttpMethod = 'GET' | 'POST';

export interface Route {
  method: HttpMethod;
  /** OpenAPI-style template: /cases/{id}/verify */
  path: string;
  /** What the caller must hold (for some office) to use the route at all; 'public' needs no token. */
  permission: Permission | 'public';
  contract: RouteContract;
  handle(request: ApiRequest, ports: ApiPorts): Promise<ApiReply>;
}

/** A route whose handler can only answer what its contract says (checked by the compiler). */
export function defineRoute<A extends Answers>(route: Omit<Route, 'contract' | 'handle'> & { contract: RouteContract<A>; handle(request: ApiRequest, ports: ApiPorts): Promise<ReplyOf<A>> }): Route {
  return route as Route;
}

export const ok = <T>(json: T) => ({ status: 200 as const, json });
