import type { CitizenAccessStore } from './access-store';
import { citizenLink, mintAccessToken, type AccessPurpose } from './access-token';

/**
 * The links letters carry (NoticePorts.citizenLinks): a fresh token per attempt to send the notice,
 * stored (hashed) for that notice before the letter goes, replacing an earlier attempt's.
 */
export function citizenLinkMinter(access: CitizenAccessStore, baseUrl: () => string) {
  return {
    async linkFor(caseId: string, purpose: AccessPurpose, messageId: string, at: string): Promise<string> {
      const { token, hash } = mintAccessToken();
      await access.storeForNotice({ caseId, purpose, createdAt: at }, hash, messageId);
      return citizenLink(baseUrl(), purpose, token);
    },
    /**
     * A fresh link whose token is stored by the caller's own transaction (the notice's send claim), where
     * the store allows it: nothing is stored unless that transaction wins. Undefined: use linkFor.
     */
    linkWithClaim(caseId: string, purpose: AccessPurpose, messageId: string, at: string): { url: string; writes: Array<{ item: Record<string, unknown>; condition: string }> } | undefined {
      if (!access.firstTokenWrites) return undefined;
      const { token, hash } = mintAccessToken();
      return { url: citizenLink(baseUrl(), purpose, token), writes: access.firstTokenWrites({ caseId, purpose, createdAt: at }, hash, messageId) };
    },
  };
}
