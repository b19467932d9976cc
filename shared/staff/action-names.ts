/**
 * The actions staff can take on a case, by name, in the order the API lists them. A module of its own
 * so that the `motcua` command can name and check them without loading their schemas and use cases:
 * `shared/staff/actions.ts` gives each exactly one spec (the compiler holds the two together).
 */
export const ACTION_NAMES = ['review', 'visit', 'decision', 'handover', 'register', 'answer', 'reassign', 'confirm-sender', 'delay', 'withdraw'] as const;

export type ActionName = (typeof ACTION_NAMES)[number];
