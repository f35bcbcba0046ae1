import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { rejectReasons, type RejectCode } from '../../main/contract/reject-reasons';
import { rejectedRow } from '../../main/domain/reject-reasons';
import { en } from '../../renderer/src/i18n/en';
import { sv } from '../../renderer/src/i18n/sv';

const codes = Object.keys(rejectReasons) as RejectCode[];
const placeholders = (template: string) => [...template.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

describe('reject reasons', () => {
  it.each([
    ['sv', sv.rejects.reasons],
    ['en', en.rejects.reasons],
  ] as const)('every code in the catalogue has a %s translation naming the same values, and no other codes', (_language, reasons) => {
    expect(Object.keys(reasons).sort()).toEqual([...codes].sort());
    for (const code of codes) expect([code, placeholders(reasons[code])]).toEqual([code, placeholders(rejectReasons[code])]);
  });

  it('renders the English sentence from the code and its values, and keeps both for the UI and scripts', () => {
    expect(rejectedRow(7, 'Kommun', 'geographyUnknown', { code: '9999' })).toEqual({
      row: 7,
      field: 'Kommun',
      code: 'geographyUnknown',
      params: { code: '9999' },
      reason: 'unknown geography code "9999"',
    });
    expect(rejectedRow(2, null, 'negativeAmount')).toMatchObject({ params: {}, reason: 'An amount cannot be negative' });
  });

  it('interpolates every value through i18next, in Swedish by default', async () => {
    const i18n = createInstance();
    await i18n.init({ resources: { sv: { translation: sv }, en: { translation: en } }, lng: 'sv', interpolation: { escapeValue: false } });
    for (const code of codes) {
      const params = Object.fromEntries(placeholders(rejectReasons[code]).map((name) => [name, `<${name}>`]));
      const text = i18n.t(`rejects.reasons.${code}`, params);
      expect(text).not.toMatch(/\{\{|rejects\.reasons/);
      for (const value of Object.values(params)) expect(text).toContain(value);
    }
    expect(i18n.t('rejects.reasons.orgNumberInvalid', { text: '802400-0000' })).toBe(
      '”802400-0000” är inte ett giltigt organisationsnummer (NNNNNN-NNNN med rätt kontrollsiffra)',
    );
  });
});
