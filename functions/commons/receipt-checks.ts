import { runChecks } from '../../shared/checks/run-checks';
import type { Clock } from '../../shared/clock';
import { procedureCatalog } from '../../shared/procedures/default-catalog';
import type { ReceiptPorts } from '../../shared/workflow/receipt-steps';

/** The automatic checks of a receipt (shared/checks), on the default catalog, as the receipt asks them (ReceiptPorts). */
export const receiptChecks =
  (clock: Clock): ReceiptPorts['checklistFor'] =>
  (message, procedure, openCasesOfRequester, reading) =>
    runChecks({ message: { ...message, from: message.from ? { address: message.from, ...(message.fromName ? { name: message.fromName } : {}) } : undefined }, procedure: procedure as never, catalog: procedureCatalog, openCasesOfRequester, now: clock.now(), ...(reading ? { reading } : {}) }) as never;
