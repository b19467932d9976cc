import type { Permission } from '../../shared/auth/authorize';
import type { Principal } from '../../shared/auth/principal';
import type { StaffPorts } from '../../shared/staff/ports';
import type { ChainDigest } from '../../shared/digest/chain-digest';
import type { ExportJobPorts } from '../../shared/staff/export-jobs';
import type { AppointmentOccupancy } from '../../shared/staff/appointment-book';

/** What a route handler gets: the verified caller, the path parameters, the query and the parsed body. */
export interface ApiRequest {
  principal: Principal;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body: unknown;
}

/** A JSON answer, or a file (CSV, spreadsheet) with its content type. */
export type ApiReply =
  | { status: number; json: unknown }
  | { status: number; file: { content: string | Buffer; contentType: string; filename: string } };

export interface ApiPorts extends StaffPorts {
  /** Whether the case store answers (GET /health). */
  caseStoreReachable(): Promise<boolean>;
  /** The daily chain digests (shared/digest), as the scheduled function wrote them. */
  digests: { latest(day?: string): Promise<{ key: string; digest: ChainDigest } | undefined> };
  /** Large exports and reports as jobs; without it every file is built in the request. */
  exportJobs?: ExportJobPorts;
  /** The appointment book of the desks (GET /offices/{office}/appointments); without it the route answers 400. */
  appointments?: AppointmentOccupancy;
}

export type HttpMethod = 'GET' | 'POST';

export interface Route {
  method: HttpMethod;
  /** OpenAPI-style template: /cases/{id}/verify */
  path: string;
  /** What the caller must hold (for some office) to use the route at all; 'public' needs no token. */
  permission: Permission | 'public';
  handle(request: ApiRequest, ports: ApiPorts): Promise<ApiReply>;
}

export const ok = (json: unknown): ApiReply => ({ status: 200, json });
