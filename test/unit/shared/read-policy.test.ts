import { canRead } from '#shared/read-policy';

const record = { agency: 'SAMR-110105', region: '110105', partners: ['TAX-110105'] };

describe('the read policy (DESIGN §5)', () => {
  it('lets the owning agency and a partner agency read, whatever their role', () => {
    expect(canRead({ agency: 'SAMR-110105', auditor: false, jurisdiction: '' }, record)).toBe(true);
    expect(canRead({ agency: 'TAX-110105', auditor: false, jurisdiction: '' }, record)).toBe(true);
  });

  it('lets an auditor of another agency read inside the jurisdiction, a prefix of the region, and not outside it', () => {
    expect(canRead({ agency: 'AUDIT-11', auditor: true, jurisdiction: '11' }, record)).toBe(true);
    expect(canRead({ agency: 'AUDIT-11', auditor: true, jurisdiction: '110105' }, record)).toBe(true);
    expect(canRead({ agency: 'AUDIT-31', auditor: true, jurisdiction: '31' }, record)).toBe(false);
  });

  it('refuses another agency that is not an auditor, and an auditor without a jurisdiction', () => {
    expect(canRead({ agency: 'SAMR-310000', auditor: false, jurisdiction: '11' }, record)).toBe(false);
    expect(canRead({ agency: 'AUDIT-11', auditor: true, jurisdiction: '' }, record)).toBe(false);
  });
});
