import { REGION_CODES, type SessionUser } from '@shared';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PRODUCT_NAME } from '../../product';
import { useNow } from '../../realtime/clock';
import { useReplicaVersion, useWallStore } from '../../realtime/hooks';
import { UserMenu } from '../account/UserMenu';
import { useAppealWrite } from '../appeal/useAppealWrite';
import { useConfirmationWindow } from '../appeal/useConfirmationWindow';
import { WriteStatusLine } from '../appeal/WriteStatusLine';
import { IncompatibleNotice } from '../health/IncompatibleNotice';
import { LinkStatus } from '../health/LinkStatus';
import { useRegionAppeals } from '../region/useRegionAppeals';
import { QueueRowView } from './QueueRowView';
import { movedIndex, QUEUE_QUERY, queueRows } from './qualityQueue';
import './quality.css';

export interface QualityPageProps {
  user: SessionUser;
}

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));

/**
 * `/quality`: the quality-control queue of agents and supervisors. Resolved appeals whose
 * citizen has not been called back yet, oldest resolution first, live. From the keyboard:
 * j/k or the arrows move, Enter opens the callback form under the row (1–5 sets the rating,
 * Escape closes it), and a recorded callback drops the row as soon as the live view has it.
 */
export function QualityPage({ user }: QualityPageProps) {
  const { t } = useTranslation();
  const store = useWallStore();
  const version = useReplicaVersion();
  const now = useNow();
  const windowMs = useConfirmationWindow();
  const regions = useMemo(() => (user.regions === 'all' ? [...REGION_CODES] : [...user.regions]), [user.regions]);
  const list = useRegionAppeals(QUEUE_QUERY, { regions, isClockBound: true });
  const [activeId, setActiveId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const write = useAppealWrite();
  // The minute is enough for the order and the days; the window's countdown ticks in its cell.
  const minute = Math.floor(now / 60_000) * 60_000;
  const rows = useMemo(
    () => queueRows(list.items, store.getReplica().state.appeals, minute, windowMs),
    // `version` is the replica's change counter (its maps are mutated in place).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [list.items, store, version, minute, windowMs],
  );
  const activeIndex = Math.max(
    0,
    rows.findIndex((row) => row.appeal.id === activeId),
  );
  const active = rows[activeIndex];
  const activeRowId = active?.appeal.id ?? null;

  // A row that left (its callback recorded, here or elsewhere) took the focus with it: give
  // it to the row now active, so j/k keep working without a click.
  useEffect(() => {
    if (openId !== null || activeRowId === null) return;
    if (document.activeElement === document.body) focusRow(listRef.current, activeRowId);
  }, [rows, openId, activeRowId]);

  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    if (event.defaultPrevented || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    const next = movedIndex(event.key, activeIndex, rows.length);
    if (next !== null) {
      event.preventDefault();
      const id = rows[next]?.appeal.id ?? null;
      setActiveId(id);
      if (id !== null) focusRow(listRef.current, id);
    }
  };
  const closeForm = (id: string) => {
    setOpenId(null);
    focusRow(listRef.current, id);
  };

  return (
    <div className="quality" data-testid="quality-page">
      <header className="page-header">
        <h1 className="page-header__title">
          <span className="wall-header__product">{PRODUCT_NAME}</span>
          <span className="wall-header__subtitle">{t('quality.title')}</span>
        </h1>
        <LinkStatus />
        <UserMenu current="quality" />
        <LanguageSwitch />
      </header>
      <main className="quality__body">
        <p className="quality__intro">{t('quality.intro')}</p>
        <p className="quality__keys" id="quality-keys">
          {t('quality.keys')}
        </p>
        {list.status === 'failed' && (
          <p className="desk__message" role="alert">
            {t(list.error?.status === 0 ? 'appeal.unreachable' : 'appeal.failed', { status: list.error?.status ?? 0 })}
          </p>
        )}
        {list.status === 'loading' && rows.length === 0 && <p className="desk__message">{t('appeal.loading')}</p>}
        {list.status === 'ready' && rows.length === 0 && (
          <p className="desk__message" data-testid="quality-empty">
            {t('quality.empty')}
          </p>
        )}
        {rows.length > 0 && (
          <ol
            ref={listRef}
            className="quality__list"
            aria-label={t('quality.title')}
            aria-describedby="quality-keys"
            data-testid="quality-list"
            data-count={rows.length}
            onKeyDown={onKeyDown}
          >
            {rows.map((row) => (
              <QueueRowView
                key={row.appeal.id}
                row={row}
                now={now}
                windowMs={windowMs}
                isActive={row === active}
                isOpen={openId === row.appeal.id}
                isBusy={write.isBusy}
                onToggle={() => {
                  setActiveId(row.appeal.id);
                  setOpenId(openId === row.appeal.id ? null : row.appeal.id);
                }}
                onClose={() => closeForm(row.appeal.id)}
                onSend={(body) =>
                  write.send(
                    `/api/appeals/${encodeURIComponent(row.appeal.id)}/feedback`,
                    body,
                    t('feedback.whatOf', { id: row.appeal.id, result: t(`feedback.results.${body.result}`) }),
                    () => setOpenId(null),
                  )
                }
              />
            ))}
          </ol>
        )}
        <WriteStatusLine
          progress={write.progress}
          sentText={t('appeal.write.sent', { what: write.what })}
          confirmedText={t('appeal.write.confirmed', { what: write.what })}
          onRetryNow={write.retryNow}
          testId="quality-write-status"
        />
      </main>
      <IncompatibleNotice />
    </div>
  );
}

/** Moves the focus to a row's button (after a move key, a closed form or a row that left). */
function focusRow(list: HTMLOListElement | null, appealId: string): void {
  const button = list?.querySelector<HTMLButtonElement>(
    `[data-appeal-id="${CSS.escape(appealId)}"] .quality-row__open`,
  );
  button?.focus();
}
