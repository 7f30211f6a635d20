import { SEED_TARGETS, targetSettings, targetsFor } from '#sampling/domain/supervision-targets';
import { readSetting } from '#shared/settings';

describe('supervision targets per jurisdiction and year', () => {
  const settings = {
    '*': { '*': { mobileShare: 0.92 } },
    '11': { '*': { jointTaskShare: 0.08 }, '2027': { jointTaskShare: 0.1 } },
    '110105': { '2027': { itemCoverage: 0.95 } },
    '31': { '*': { mobileShare: 0.99 } },
  };

  it('are the seeds’ when nothing is set', () => {
    expect(targetsFor({}, '110105', 2026)).toEqual({ jurisdiction: '110105', year: 2026, targets: SEED_TARGETS, sources: ['seeds'] });
    expect(SEED_TARGETS).toEqual({ itemCoverage: 1, jointTaskShare: 0.05, mobileShare: 0.9, publicationWorkingDays: 20 });
  });

  it('apply from the least to the most specific, naming each source', () => {
    expect(targetsFor(settings, '110105', 2027)).toEqual({
      jurisdiction: '110105',
      year: 2027,
      targets: { itemCoverage: 0.95, jointTaskShare: 0.1, mobileShare: 0.92, publicationWorkingDays: 20 },
      sources: ['seeds', '*/*', '11/*', '11/2027', '110105/2027'],
    });
    expect(targetsFor(settings, '110105', 2026).targets).toEqual({ ...SEED_TARGETS, mobileShare: 0.92, jointTaskShare: 0.08 });
    expect(targetsFor(settings, '440300', 2027).targets).toEqual({ ...SEED_TARGETS, mobileShare: 0.92 });
  });

  it('refuse a bad setting at start-up, naming it', () => {
    const read = (raw: string) => readSetting({ SUPERVISION_TARGETS: raw }, 'SUPERVISION_TARGETS', targetSettings, {}, true);
    expect(read(JSON.stringify(settings))).toEqual(settings);
    expect(() => read('{"11": {"2027": {"mobileShare": 1.5}}}')).toThrow(/SUPERVISION_TARGETS is not valid/);
    expect(() => read('{"beijing": {"*": {}}}')).toThrow(/Invalid key in record\s+→ at beijing/);
    expect(() => read('{"11": {"27": {}}}')).toThrow(/at 11.27/);
    expect(() => read('{"11": {"*": {"coverage": 1}}}')).toThrow(/SUPERVISION_TARGETS/);
  });
});
