import type { OfficeDirectory } from '../offices/directory';
import { formatAuditScope, type Principal, type Role } from './principal';

/**
 * Who may do what, in one pure function. Each route of the API names the permission it needs;
 * the case (or office) it touches is the target.
 *
 * - officer: reads and acts on the cases of their own office.
 * - head: the same in their own office, and reassigns them; escalations of the offices directly
 *   under theirs (config/offices.json `parent`) reach them, so they also read and reassign those.
 * - auditor: reads (cases, timelines, verification, exports) within the offices granted to them
 *   (`office:<CODE>`, `province:<CODE>` or `all`), and changes nothing.
 * - admin: manages configuration; case work belongs to the offices.
 */
export type Permission = 'case:read' | 'case:act' | 'case:reassign' | 'case:export' | 'config:manage';

export const PERMISSIONS: readonly Permission[] = ['case:read', 'case:act', 'case:reassign', 'case:export', 'config:manage'];

/** The office a request touches, with what the rules need to know of it. */
export interface OfficeTarget {
  office: string;
  province?: string;
  /** The office above it, whose head receives its escalations. */
  parent?: string;
}

export type Decision = { allowed: true; role: Role } | { allowed: false; reason: string };

/** What a role may do at all, whatever the office. */
const GRANTS: Record<Role, readonly Permission[]> = {
  officer: ['case:read', 'case:act'],
  head: ['case:read', 'case:act', 'case:reassign', 'case:export'],
  auditor: ['case:read', 'case:export'],
  admin: ['config:manage'],
};

const WHY_NOT: Record<Role, string> = {
  officer: 'officers read and act on cases; reassigning belongs to heads, exports to heads and auditors, configuration to admins',
  head: 'configuration belongs to admins',
  auditor: 'auditors have read-only access',
  admin: 'admins manage configuration; case work belongs to officers, heads and auditors',
};

/**
 * Decides whether the principal may use `permission` on `target`. Without a target it answers
 * whether the principal could hold the permission for some office (the route-level check made
 * before anything is read).
 */
export function authorize(principal: Principal, permission: Permission, target?: OfficeTarget): Decision {
  if (principal.roles.length === 0) return { allowed: false, reason: 'the token names no group (cognito:groups) among officer, head, auditor, admin' };
  const reasons: string[] = [];
  for (const role of principal.roles) {
    const decision = decideAs(role, principal, permission, target);
    if (decision.allowed) return decision;
    reasons.push(decision.reason);
  }
  return { allowed: false, reason: reasons.join('; ') };
}

function decideAs(role: Role, principal: Principal, permission: Permission, target: OfficeTarget | undefined): Decision {
  if (!GRANTS[role].includes(permission)) return { allowed: false, reason: `${WHY_NOT[role]} (${permission} refused to ${role})` };
  if (permission === 'config:manage') return { allowed: true, role };
  switch (role) {
    case 'officer':
    case 'head': {
      if (!principal.office) return { allowed: false, reason: `a ${role}'s token must name their office (custom:office)` };
      if (!target || target.office === principal.office) return { allowed: true, role };
      const escalated = role === 'head' && target.parent === principal.office && (permission === 'case:read' || permission === 'case:reassign');
      if (escalated) return { allowed: true, role };
      return { allowed: false, reason: `${role} of ${principal.office} may not ${verb(permission)} cases of ${target.office}` };
    }
    case 'auditor': {
      const scope = principal.scope;
      if (!scope) return { allowed: false, reason: "an auditor's token must name their grant (custom:scope = office:<CODE> | province:<CODE> | all)" };
      if (!target || withinScope(scope, target)) return { allowed: true, role };
      return { allowed: false, reason: `auditor with scope ${formatAuditScope(scope)} may not ${verb(permission)} cases of ${target.office}` };
    }
    case 'admin':
      return { allowed: false, reason: WHY_NOT.admin };
  }
}

function withinScope(scope: NonNullable<Principal['scope']>, target: OfficeTarget): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'office') return scope.office === target.office;
  return target.province === scope.province;
}

function verb(permission: Permission): string {
  return { 'case:read': 'read', 'case:act': 'act on', 'case:reassign': 'reassign', 'case:export': 'export', 'config:manage': 'configure' }[permission];
}

/** The office as the rules see it: its code, province and parent, from the directory (or just the code if unknown). */
export function officeTarget(directory: OfficeDirectory, office: string): OfficeTarget {
  const found = directory.offices.find((o) => o.code === office);
  return found ? { office, province: found.province, ...(found.parent ? { parent: found.parent } : {}) } : { office };
}

/** Every office of the directory on which the principal holds the permission, in directory order. */
export function officesInScope(principal: Principal, permission: Permission, directory: OfficeDirectory): string[] {
  return directory.offices.map((o) => o.code).filter((code) => authorize(principal, permission, officeTarget(directory, code)).allowed);
}

/**
 * Who may issue a decision on a case of `office` (DESIGN.md, trust model): its head, or a deputy
 * the office's entry in the staff directory names (`staff.decisionDeputies`, by staff e-mail).
 * An officer of the office may act on every other step, never this one.
 */
export function authorizeDecision(principal: Principal, office: string, directory: OfficeDirectory): Decision {
  const entry = directory.offices.find((o) => o.code === office);
  if (principal.office !== office) return { allowed: false, reason: `decisions on cases of ${office} belong to the head of ${office} or a deputy named in the staff directory` };
  if (principal.roles.includes('head')) return { allowed: true, role: 'head' };
  const email = principal.email?.toLowerCase();
  const deputies = (entry?.staff?.decisionDeputies ?? []).map((d) => d.toLowerCase());
  if (email && principal.roles.includes('officer') && deputies.includes(email)) return { allowed: true, role: 'officer' };
  return {
    allowed: false,
    reason: `decisions on cases of ${office} belong to its head or a deputy named in the staff directory (config/offices.json staff.decisionDeputies); ${email ?? principal.sub} is neither`,
  };
}
