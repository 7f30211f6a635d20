/**
 * Personal data masked for publication (DESIGN §6, Publicity): ID numbers, phone numbers, and natural persons'
 * names in part. Applied to free text before it leaves through a public route.
 */
const ID_NUMBER = /\b(\d{6})\d{8}(\d{3}[\dXx])\b/g;
const MOBILE = /\b(1[3-9]\d)\d{4}(\d{4})\b/g;

export function maskText(text: string): string {
  return text.replace(ID_NUMBER, '$1********$2').replace(MOBILE, '$1****$2');
}

/** 张三 → 张*, 欧阳娜娜 → 欧***; a Latin name keeps its first letter. */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}
