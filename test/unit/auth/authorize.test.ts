import { describe, expect, it } from 'vitest';
import { authorize, authorizeDecision, officesInScope, officeTarget, type Permission } from '../../../shared/auth/authorize';
import { parseAuditScope, principalFromClaims, type Principal } from '../../../shared/auth/principal';
import type { OfficeDirectory } from '../../../shared/offices/directory';

// Prepare: a province HCM with two regional offices under it, and another province HN with one office.
const office = (code: string, province: string, parent?: string) => ({
  code,
  level: parent ? ('regional' as const) : ('province' as const),
  province,
  ...(parent ? { parent } : {}),
  name: `Office ${code}`,
  address: 'somewhere',
  email: `${code.toLowerCase()}@thads.example`,
  procuracyEmail: `vks.${code.toLowerCase()}@vks.example`,
});
// Only the offices' codes, provinces and parents matter to the rules.
const directory = {
  agency: { name: 'THADS', mailDomain: 'thads.example', senderAddress: 'motcua@thads.example', senderName: 'THADS' },
  timeZone: 'Asia/Ho_Chi_Minh',
  defaultOfficeHours: [{ from: '08:00', to: '17:00' }],
  offices: [office('HCM', 'HCM'), office('HCMKV1', 'HCM', 'HCM'), office('HCMKV2', 'HCM', 'HCM'), office('HN', 'HN'), office('HNKV1', 'HN', 'HN')],
} as unknown as OfficeDirectory;
const at = (code: string) => officeTarget(directory, code);

const officer = (code: string): Principal => ({ sub: `officer-${code}`, roles: ['officer'], office: code });
const head = (code: string): Principal => ({ sub: `head-${code}`, roles: ['head'], office: code });
const auditor = (scope: string): Principal => ({ sub: `auditor-${scope}`, roles: ['auditor'], scope: parseAuditScope(scope)! });
const admin: Principal = { sub: 'admin', roles: ['admin'] };

const READ: Permission = 'case:read';
const ACT: Permission = 'case:act';
const REASSIGN: Permission = 'case:reassign';
const EXPORT: Permission = 'case:export';
const CONFIG: Permission = 'config:manage';

describe('authorize(principal, permission, target)', () => {
  it.each<[string, Principal, Permission, string | undefined, boolean]>([
    // officers: their own office, to read and to act
    ['an officer reads a case of their office', officer('HCMKV1'), READ, 'HCMKV1', true],
    ['an officer acts on a case of their office', officer('HCMKV1'), ACT, 'HCMKV1', true],
    ["an officer reads another office's case", officer('HCMKV2'), READ, 'HCMKV1', false],
    ["an officer acts on another office's case", officer('HCMKV2'), ACT, 'HCMKV1', false],
    ['an officer reads a case of the office above theirs', officer('HCMKV1'), READ, 'HCM', false],
    ['an officer reassigns', officer('HCMKV1'), REASSIGN, 'HCMKV1', false],
    ['an officer exports', officer('HCMKV1'), EXPORT, 'HCMKV1', false],
    ['an officer configures', officer('HCMKV1'), CONFIG, undefined, false],
    // heads: their own office, plus the escalations of the offices under theirs
    ['a head reads a case of their office', head('HCMKV1'), READ, 'HCMKV1', true],
    ['a head acts on a case of their office', head('HCMKV1'), ACT, 'HCMKV1', true],
    ['a head reassigns in their office', head('HCMKV1'), REASSIGN, 'HCMKV1', true],
    ['a head exports their office', head('HCMKV1'), EXPORT, 'HCMKV1', true],
    ["a head reads a sibling office's case", head('HCMKV1'), READ, 'HCMKV2', false],
    ['a provincial head reads an escalated case of an office under theirs', head('HCM'), READ, 'HCMKV1', true],
    ['a provincial head reassigns an escalated case of an office under theirs', head('HCM'), REASSIGN, 'HCMKV2', true],
    ['a provincial head acts in place of the regional officers', head('HCM'), ACT, 'HCMKV1', false],
    ["a provincial head reads another province's office", head('HCM'), READ, 'HNKV1', false],
    ['a head configures', head('HCM'), CONFIG, undefined, false],
    // auditors: read only, within their grant
    ['an auditor of one office reads it', auditor('office:HCMKV1'), READ, 'HCMKV1', true],
    ['an auditor of one office reads another', auditor('office:HCMKV1'), READ, 'HCMKV2', false],
    ['an auditor of a province reads its regional office', auditor('province:HCM'), READ, 'HCMKV2', true],
    ['an auditor of a province reads its provincial office', auditor('province:HCM'), READ, 'HCM', true],
    ['an auditor of a province reads another province', auditor('province:HCM'), READ, 'HNKV1', false],
    ['an auditor of all reads anywhere', auditor('all'), READ, 'HNKV1', true],
    ['an auditor exports within scope', auditor('province:HCM'), EXPORT, 'HCMKV1', true],
    ['an auditor exports outside scope', auditor('province:HCM'), EXPORT, 'HN', false],
    ['an auditor acts, even within scope', auditor('all'), ACT, 'HCMKV1', false],
    ['an auditor reassigns', auditor('office:HCMKV1'), REASSIGN, 'HCMKV1', false],
    ['an auditor configures', auditor('all'), CONFIG, undefined, false],
    // admins: configuration, not case work
    ['an admin configures', admin, CONFIG, undefined, true],
    ['an admin reads a case', admin, READ, 'HCMKV1', false],
    ['an admin acts on a case', admin, ACT, 'HCMKV1', false],
  ])('%s: %s', (_name, principal, permission, office, allowed) => {
    const decision = authorize(principal, permission, office ? at(office) : undefined);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.reason).toMatch(/\w/);
  });

  it.each<[string, Principal, Permission, boolean]>([
    ['an officer may act somewhere', officer('HCMKV1'), ACT, true],
    ['an auditor may never act', auditor('all'), ACT, false],
    ['an auditor may read somewhere', auditor('office:HN'), READ, true],
    ['an officer may never export', officer('HCMKV1'), EXPORT, false],
    ['an admin may never read cases', admin, READ, false],
  ])('without a target, answers whether the permission is held for some office: %s', (_name, principal, permission, allowed) => {
    expect(authorize(principal, permission).allowed).toBe(allowed);
  });

  it('names why it refuses', () => {
    expect(authorize(officer('HCMKV2'), READ, at('HCMKV1'))).toEqual({ allowed: false, reason: 'officer of HCMKV2 may not read cases of HCMKV1' });
    expect(authorize(auditor('province:HCM'), ACT, at('HCMKV1'))).toMatchObject({ allowed: false, reason: expect.stringContaining('auditors have read-only access') });
    expect(authorize(auditor('province:HCM'), READ, at('HN'))).toMatchObject({ allowed: false, reason: 'auditor with scope province:HCM may not read cases of HN' });
  });

  it('refuses a principal without groups, an officer without an office and an auditor without a scope', () => {
    expect(authorize({ sub: 'x', roles: [] }, READ, at('HCMKV1'))).toMatchObject({ allowed: false, reason: expect.stringContaining('cognito:groups') });
    expect(authorize({ sub: 'x', roles: ['officer'] }, READ, at('HCMKV1'))).toMatchObject({ allowed: false, reason: expect.stringContaining('custom:office') });
    expect(authorize({ sub: 'x', roles: ['auditor'] }, READ, at('HCMKV1'))).toMatchObject({ allowed: false, reason: expect.stringContaining('custom:scope') });
  });

  it('allows what any of several roles allows', () => {
    const both: Principal = { sub: 'x', roles: ['auditor', 'officer'], office: 'HCMKV1', scope: { kind: 'province', province: 'HN' } };
    expect(authorize(both, ACT, at('HCMKV1'))).toEqual({ allowed: true, role: 'officer' });
    expect(authorize(both, READ, at('HNKV1'))).toEqual({ allowed: true, role: 'auditor' });
    expect(authorize(both, ACT, at('HNKV1')).allowed).toBe(false);
  });
});

describe('officesInScope', () => {
  it.each<[string, Principal, string[]]>([
    ['an officer', officer('HCMKV1'), ['HCMKV1']],
    ['a provincial head (own office and escalations)', head('HCM'), ['HCM', 'HCMKV1', 'HCMKV2']],
    ['a regional head', head('HCMKV2'), ['HCMKV2']],
    ['a province auditor', auditor('province:HN'), ['HN', 'HNKV1']],
    ['an auditor of all', auditor('all'), ['HCM', 'HCMKV1', 'HCMKV2', 'HN', 'HNKV1']],
    ['an admin', admin, []],
  ])('%s reads %j', (_name, principal, offices) => {
    expect(officesInScope(principal, READ, directory)).toEqual(offices);
  });
});

describe('principalFromClaims', () => {
  it('reads Cognito groups and custom attributes', () => {
    expect(
      principalFromClaims({ sub: 'u-1', name: 'Trần Thị Lan', email: 'lan@thads.example', 'cognito:groups': ['officer', 'unknown-group'], 'custom:office': 'HCMKV1' }),
    ).toEqual({ sub: 'u-1', name: 'Trần Thị Lan', email: 'lan@thads.example', roles: ['officer'], office: 'HCMKV1' });
    expect(principalFromClaims({ sub: 'u-2', 'cognito:groups': ['auditor'], 'custom:scope': 'province:HCM' })).toEqual({
      sub: 'u-2',
      roles: ['auditor'],
      scope: { kind: 'province', province: 'HCM' },
    });
  });

  it('grants nothing for malformed attributes', () => {
    expect(principalFromClaims({ sub: 'u-3', 'cognito:groups': 'admin', 'custom:scope': 'planet:EARTH', 'custom:office': 'hcm kv1' })).toEqual({ sub: 'u-3', roles: ['admin'] });
  });

  it.each([
    ['office:HCMKV1', { kind: 'office', office: 'HCMKV1' }],
    ['province:HCM', { kind: 'province', province: 'HCM' }],
    ['all', { kind: 'all' }],
    ['province:', undefined],
    ['office:HCMKV1:extra', undefined],
    ['everything', undefined],
  ])('parses the auditor scope %j', (text, scope) => {
    expect(parseAuditScope(text)).toEqual(scope);
  });
});

describe('who may issue a decision', () => {
  const directory = {
    offices: [{ code: 'HCMKV1', province: 'HCM', staff: { desk: 'd@x.example', head: 'h@x.example', decisionDeputies: ['pho.kv1@hcm.thads.example'] } }],
  } as unknown as OfficeDirectory;
  const who = (roles: Array<'officer' | 'head' | 'auditor'>, office?: string, email?: string) => ({ sub: 's', roles, ...(office ? { office } : {}), ...(email ? { email } : {}) });

  it('the head of the office and the named deputy, nobody else', () => {
    expect(authorizeDecision(who(['head'], 'HCMKV1'), 'HCMKV1', directory).allowed).toBe(true);
    expect(authorizeDecision(who(['officer'], 'HCMKV1', 'PHO.kv1@hcm.thads.example'), 'HCMKV1', directory).allowed).toBe(true);
    expect(authorizeDecision(who(['officer'], 'HCMKV1', 'kv1.canbo@hcm.thads.example'), 'HCMKV1', directory).allowed).toBe(false);
    expect(authorizeDecision(who(['head'], 'HCMKV2'), 'HCMKV1', directory).allowed).toBe(false);
    expect(authorizeDecision(who(['officer'], 'HCMKV2', 'pho.kv1@hcm.thads.example'), 'HCMKV1', directory).allowed).toBe(false);
    expect(authorizeDecision(who(['auditor']), 'HCMKV1', directory).allowed).toBe(false);
  });
});
