/**
 * Every fixed port a test listens on goes through here. MOTCUA_TEST_PORT_SHIFT moves them all, so two
 * checkouts can run their suites on one machine at once without taking each other's ports.
 */
const shift = Number(process.env.MOTCUA_TEST_PORT_SHIFT ?? 0);
if (!Number.isInteger(shift) || shift < 0 || shift > 40_000) {
  throw new Error(`MOTCUA_TEST_PORT_SHIFT must be a whole number from 0 to 40000, got ${process.env.MOTCUA_TEST_PORT_SHIFT}`);
}

export function testPort(port: number): number {
  return port + shift;
}
