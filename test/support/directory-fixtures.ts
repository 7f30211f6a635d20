import { withCheckCharacter } from '#directory/domain/uscc';

/** Valid credit codes for tests: a fixed prefix, a serial number, the computed check character. */
export function usccFor(serial: number, region = '110105'): string {
  return withCheckCharacter(`91${region}${String(serial).padStart(9, '0')}`);
}

export function entityInput(serial: number, overrides: Record<string, unknown> = {}) {
  return {
    uscc: usccFor(serial),
    name: `测试企业${serial}有限公司`,
    industry: 'F52',
    region: '110105',
    address: `北京市朝阳区测试路${serial}号`,
    ...overrides,
  };
}
