import { describe, expect, it } from 'vitest';
import proceduresJson from '../../../config/procedures.json';
import { parseProcedureCatalog, procedureByCode } from '../../../shared/procedures/catalog';
import { procedureSettings } from '../../../shared/workflow/procedure-settings';

const catalog = parseProcedureCatalog(proceduresJson);

describe('what a requester brings to the in-person receipt, and the apology’s new date', () => {
  it('come from the catalog’s defaults, unless a procedure names its own documents', () => {
    const enforcement = procedureSettings(catalog, 'enforcement-request');
    const fee = procedureSettings(catalog, 'fee-reduction');

    expect(enforcement.bringToAppointment).toEqual(proceduresJson.defaults.bringToAppointment);
    expect(fee.bringToAppointment).toEqual(procedureByCode(catalog, 'fee-reduction')!.bringToAppointment);
    expect(fee.bringToAppointment).not.toEqual(enforcement.bringToAppointment);
    expect(fee.bringToAppointment.some((item) => item.includes('miễn, giảm'))).toBe(true);
    expect(enforcement.apologyExtensionWorkingDays).toBe(proceduresJson.defaults.apologyExtensionWorkingDays);
  });

  it('are refused, naming the path, when the defaults are missing or the extension is out of range', () => {
    const { defaults: _dropped, ...withoutDefaults } = proceduresJson;
    expect(() => parseProcedureCatalog(withoutDefaults, 'procedures.json')).toThrow(/procedures\.json is invalid:\n.*defaults/s);
    const zeroDays = { ...proceduresJson, defaults: { ...proceduresJson.defaults, apologyExtensionWorkingDays: 0 } };
    expect(() => parseProcedureCatalog(zeroDays)).toThrow(/defaults\.apologyExtensionWorkingDays: at least 1 working day/);
    const nothingToBring = { ...proceduresJson, defaults: { ...proceduresJson.defaults, bringToAppointment: [] } };
    expect(() => parseProcedureCatalog(nothingToBring)).toThrow(/defaults\.bringToAppointment/);
  });
});
