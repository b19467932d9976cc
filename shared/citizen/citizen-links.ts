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
  };
}
