import type { CaseStore } from '../../../shared/cases/store';
import type { NoticePorts } from '../../../shared/notices/send-notice';
import { officeDirectory } from '../../../shared/offices/default-directory';
import { procedureCatalog } from '../../../shared/procedures/default-catalog';
import { procedureSettings } from '../../../shared/workflow/procedure-settings';
import type { TestStack } from './test-stack';

/**
 * The notify function's ports on a test stack's real case store, with a mail service the test controls (`send`)
 * and the stack's clock; `more` adds or replaces ports (another store, a clock ahead, the citizen links).
 */
export function testNoticePorts(t: TestStack, send: NoticePorts['sendRaw'], cases: CaseStore, more: Partial<NoticePorts> = {}): NoticePorts {
  return {
    cases,
    directory: officeDirectory,
    clock: { now: () => t.stack.clock.now() },
    procedureOf: (code) => procedureSettings(procedureCatalog, code),
    readDocument: async () => Buffer.alloc(0),
    storeDocument: async () => {
      throw new Error('these cases have an e-mail address: nothing is printed for the post');
    },
    sendRaw: send,
    providerMessageIds: (id) => [`<${id}@outbox.local>`],
    ...more,
  };
}
