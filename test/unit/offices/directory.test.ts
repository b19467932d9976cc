import { describe, expect, it } from 'vitest';
import officesJson from '../../../config/offices.json';
import { InvalidOfficeDirectory, officeByAddress, officeByCode, officeHours, parseOfficeDirectory } from '../../../shared/offices/directory';

type Editable = { agency: Record<string, unknown>; defaultOfficeHours: unknown[]; offices: Array<Record<string, unknown>> };

/** The deployed directory, edited the way an agency might get it wrong. */
function editedDirectory(edit: (dir: Editable) => void): unknown {
  const copy = structuredClone(officesJson) as unknown as Editable;
  edit(copy);
  return copy;
}

function problemsOf(input: unknown, source?: string): string {
  try {
    parseOfficeDirectory(input, source);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOfficeDirectory);
    return (error as Error).message;
  }
  throw new Error('the directory was accepted');
}

describe('the office directory in config/offices.json', () => {
  it('is valid: the province and its two regional offices', () => {
    // Prepare, Act
    const directory = parseOfficeDirectory(officesJson, 'config/offices.json');

    // Assess
    expect(directory.offices.map((o) => o.code)).toEqual(['HCM', 'HCMKV1', 'HCMKV2']);
    expect(directory.agency.mailDomain).toBe('hcm.thads.example');
  });
});

describe('a directory an agency got wrong', () => {
  it('is refused when two offices share a code, naming the second', () => {
    // Prepare
    const input = editedDirectory((d) => {
      d.offices[2]!.code = 'HCMKV1';
    });

    // Act
    const message = problemsOf(input, 'config/offices.json');

    // Assess
    expect(message).toContain('config/offices.json is invalid:');
    expect(message).toContain('  - offices.2.code: duplicate office code HCMKV1');
  });

  it('is refused when two offices share a mailbox, whatever its case', () => {
    // Prepare
    const input = editedDirectory((d) => {
      d.offices[2]!.email = 'KV1@hcm.thads.example';
    });

    // Act
    const message = problemsOf(input);

    // Assess
    expect(message).toContain('  - offices.2.email: address KV1@hcm.thads.example is used by two offices');
  });

  it('is refused when an office mailbox lies outside the agency’s mail domain', () => {
    // Prepare
    const input = editedDirectory((d) => {
      d.offices[1]!.email = 'thads.kv1@gmail.com';
    });

    // Act
    const message = problemsOf(input);

    // Assess
    expect(message).toContain("  - offices.1.email: thads.kv1@gmail.com is not in the agency's mail domain hcm.thads.example");
  });

  it('is refused when an office mailbox only ends like the domain (a look-alike domain)', () => {
    // Prepare
    const input = editedDirectory((d) => {
      d.offices[1]!.email = 'kv1@nothcm.thads.example';
    });

    // Act
    const message = problemsOf(input);

    // Assess
    expect(message).toContain("  - offices.1.email: kv1@nothcm.thads.example is not in the agency's mail domain hcm.thads.example");
  });

  it('is refused when an office names a parent that is not in the directory', () => {
    // Prepare
    const input = editedDirectory((d) => {
      d.offices[2]!.parent = 'HN';
    });

    // Act
    const message = problemsOf(input);

    // Assess
    expect(message).toContain('  - offices.2.parent: unknown parent office HN');
  });

  it('is refused when the sender address is outside the mail domain (SES could not send from it)', () => {
    // Prepare
    const input = editedDirectory((d) => {
      d.agency.senderAddress = 'motcua@thads.example';
    });

    // Act
    const message = problemsOf(input);

    // Assess
    expect(message).toContain('  - agency.senderAddress: the sender address must be in the agency mail domain (the SES identity)');
  });

  it('is refused when an office code has a hyphen, which would break case ids', () => {
    // Prepare
    const input = editedDirectory((d) => {
      d.offices[1]!.code = 'HCM-KV1';
    });

    // Act
    const message = problemsOf(input);

    // Assess
    expect(message).toContain('  - offices.1.code: expected 2-16 capital letters or digits, starting with a letter');
  });

  it('is refused when office hours end before they start, or are not HH:MM', () => {
    // Prepare
    const input = editedDirectory((d) => {
      d.offices[2]!.officeHours = [
        { from: '13:00', to: '11:30' },
        { from: '7:30', to: '17:00' },
      ];
    });

    // Act
    const message = problemsOf(input);

    // Assess
    expect(message).toContain('  - offices.2.officeHours.0: a session must end after it starts');
    expect(message).toContain('  - offices.2.officeHours.1.from: expected HH:MM (24-hour clock)');
  });

  it('is refused when an office names no staff to tell, naming the field', () => {
    // Prepare
    const input = editedDirectory((d) => {
      delete d.offices[1]!.staff;
    });

    // Act
    const message = problemsOf(input);

    // Assess
    expect(message).toMatch(/^ {2}- offices\.1\.staff: /m);
  });

  it('names every problem at once, so the agency can fix the file in one go', () => {
    // Prepare
    const input = editedDirectory((d) => {
      d.offices[2]!.code = 'HCMKV1';
      d.offices[1]!.parent = 'HN';
    });

    // Act
    const message = problemsOf(input);

    // Assess
    expect(message.split('\n').filter((line) => line.startsWith('  - '))).toEqual(['  - offices.2.code: duplicate office code HCMKV1', '  - offices.1.parent: unknown parent office HN']);
  });

  it('is refused, naming the root, when it is not an object at all', () => {
    // Prepare, Act
    const message = problemsOf('offices: HCM', 'office directory');

    // Assess
    expect(message).toMatch(/^office directory is invalid:\n {2}- \(root\): /);
  });
});

describe('looking offices up', () => {
  const directory = parseOfficeDirectory(officesJson);

  it('finds an office by its mailbox, without regard to case or surrounding spaces', () => {
    // Prepare, Act
    const found = officeByAddress(directory, ' KV2@Hcm.Thads.Example ');

    // Assess
    expect(found?.code).toBe('HCMKV2');
  });

  it('finds no office for an address that is not a mailbox of the agency', () => {
    // Prepare, Act, Assess
    expect(officeByAddress(directory, 'kv2@hcm.thads.example.evil.example')).toBeUndefined();
    expect(officeByCode(directory, 'HCMKV9')).toBeUndefined();
  });

  it('gives an office its own hours, and the agency’s when it has none', () => {
    // Prepare, Act
    const kv2 = officeHours(directory, officeByCode(directory, 'HCMKV2')!);
    const kv1 = officeHours(directory, officeByCode(directory, 'HCMKV1')!);

    // Assess
    expect(kv2).toEqual([
      { from: '07:30', to: '11:30' },
      { from: '13:00', to: '17:00' },
    ]);
    expect(kv1).toEqual([
      { from: '08:00', to: '12:00' },
      { from: '13:00', to: '17:00' },
    ]);
  });
});
