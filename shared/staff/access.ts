import { authorize, officeTarget, type Permission } from '../auth/authorize';
import { AccessRefused } from '../auth/errors';
import type { Principal } from '../auth/principal';
import { parseCaseId } from '../cases/case-id';
import type { CaseRecord } from '../cases/model';
import { CaseNotFoundError, InvalidRequest } from './errors';
import type { StaffPorts } from './ports';

/**
 * Reads a case for a principal who needs `permission` on it. A case of an office out of reach is
 * refused whether or not it exists (the office is in the case id), so a refusal reveals nothing.
 */
export async function caseFor(principal: Principal, permission: Permission, caseId: string, ports: Pick<StaffPorts, 'cases' | 'directory'>): Promise<CaseRecord> {
  const parsed = parseCaseId(caseId);
  if (!parsed) throw new InvalidRequest(`"${caseId}" is not a case id (<OFFICE>-<YYYY>-<NNNNNN>, e.g. HCMKV1-2026-000001)`);
  const record = await ports.cases.getCase(caseId);
  const decision = authorize(principal, permission, officeTarget(ports.directory, record?.office ?? parsed.office));
  if (!decision.allowed) throw new AccessRefused(decision.reason);
  if (!record) throw new CaseNotFoundError(caseId);
  return record;
}

/** Refuses at once what the principal could not do on any office (e.g. an auditor acting). */
export function requirePermission(principal: Principal, permission: Permission): void {
  const decision = authorize(principal, permission);
  if (!decision.allowed) throw new AccessRefused(decision.reason);
}
