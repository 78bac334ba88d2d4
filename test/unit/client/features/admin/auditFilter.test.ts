import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTIONS,
  auditActionText,
  auditChangedText,
  auditQueryString,
  auditRoleText,
  newestFirst,
} from '../../../../../client/src/features/admin/auditFilter';
import { describeScope, scopeOfSelection, toggleRegion } from '../../../../../client/src/features/admin/regionScope';
import { createI18n } from '../../../../../client/src/i18n/createI18n';

describe('auditQueryString', () => {
  it('leaves out empty filters and trims the rest', () => {
    expect(auditQueryString({ actor: ' admin ', action: '', target: '' })).toBe('actor=admin&limit=200');
    expect(auditQueryString({ actor: '', action: 'user.disable', target: 'user:a b' }, 50)).toBe(
      'action=user.disable&target=user%3Aa+b&limit=50',
    );
  });
});

describe('newestFirst', () => {
  it('orders by stream id, sequence included, unreadable ids last', () => {
    const ids = ['1700000000000-0', '1700000000001-0', 'garbage', '1700000000000-2'];
    expect(newestFirst(ids.map((id) => ({ id }))).map((e) => e.id)).toEqual([
      '1700000000001-0',
      '1700000000000-2',
      '1700000000000-0',
      'garbage',
    ]);
  });
});

describe('audit texts', () => {
  it('translate every known action in every language', () => {
    for (const language of ['ru', 'kk', 'en'] as const) {
      const { t } = createI18n(language);
      for (const action of AUDIT_ACTIONS) {
        const text = auditActionText(action, t);
        expect(text, `${language}:${action}`).not.toBe(action);
        expect(text, `${language}:${action}`).not.toMatch(/^auditAction\./);
      }
    }
  });

  it('show unknown codes as they are, and translate roles and fields', () => {
    const { t } = createI18n('kk');
    expect(auditActionText('report.export', t)).toBe('report.export');
    expect(auditRoleText('admin', t)).toBe('әкімші');
    expect(auditRoleText('unknown', t)).toBe('unknown');
    expect(auditChangedText(['role', 'isDisabled', 'mystery'], t)).toBe('рөл, күйі, mystery');
  });
});

describe('region selection', () => {
  it('ticks and unticks in the fixed region order', () => {
    const one = toggleRegion('all', 'KZ-75');
    expect(one).toEqual(['KZ-75']);
    expect(toggleRegion(one, 'KZ-11')).toEqual(['KZ-11', 'KZ-75']);
    expect(toggleRegion(['KZ-11', 'KZ-75'], 'KZ-11')).toEqual(['KZ-75']);
  });

  it('wants at least one region', () => {
    expect(scopeOfSelection([])).toBeNull();
    expect(scopeOfSelection('all')).toBe('all');
    expect(scopeOfSelection(['KZ-75'])).toEqual(['KZ-75']);
  });

  it('describes a scope with region names in the UI language', () => {
    const { t } = createI18n('kk');
    expect(describeScope('all', 'kk', t)).toBe('барлық өңірлер');
    expect(describeScope(['KZ-59'], 'kk', t)).toBe('Солтүстік Қазақстан облысы');
  });
});
