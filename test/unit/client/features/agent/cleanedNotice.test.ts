import { describe, expect, it } from 'vitest';
import { cleanedNoticeText } from '../../../../../client/src/features/agent/CleanedNotice';
import { createI18n } from '../../../../../client/src/i18n/createI18n';

const NOTICES = [
  { field: 'description', code: 'invisible_removed' as const },
  { field: 'location.address', code: 'invisible_removed' as const },
];

describe('the notice of cleaned fields', () => {
  it('names the cleaned fields by the form labels, in each language', () => {
    expect(cleanedNoticeText(NOTICES, createI18n('kk').t)).toBe(
      'Мына өрістерден көрінбейтін таңбалар (нөлдік ені бар бос орындар, жұмсақ тасымалдау белгілері) алынып тасталды: ' +
        'Мәселенің сипаттамасы, Мекенжай: көше, үй, пәтер. Өтініш оларсыз тіркелді.',
    );
    expect(cleanedNoticeText(NOTICES, createI18n('ru').t)).toContain('удалены невидимые символы');
    expect(cleanedNoticeText(NOTICES, createI18n('en').t)).toContain(
      'removed from: Description of the problem, Address',
    );
  });

  it('says nothing when nothing was cleaned', () => {
    expect(cleanedNoticeText([], createI18n('en').t)).toBeNull();
  });
});
