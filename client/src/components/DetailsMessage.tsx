import { useTranslation } from 'react-i18next';
import type { LiveDetailsState } from '../realtime/useLiveDetails';

/** The page's own message keys (its namespace in the i18n tables). */
type Page = 'appeal' | 'incidentPage';

/**
 * What a detail page (an appeal's, an incident's) says while its item is not shown: loading,
 * not found, no answer or another failure (an alert, so a screen reader hears it).
 */
export function DetailsMessage(props: {
  page: Page;
  id: string;
  state: Pick<LiveDetailsState<unknown>, 'status' | 'failedStatus'>;
  testId: string;
}) {
  const { t } = useTranslation();
  const { page, id, state } = props;
  return (
    <p className="desk__message" role={state.status === 'loading' ? undefined : 'alert'} data-testid={props.testId}>
      {state.status === 'loading'
        ? t(`${page}.loading`)
        : state.status === 'not-found'
          ? t(`${page}.notFound`, { id })
          : state.failedStatus === 0
            ? t(`${page}.unreachable`)
            : t(`${page}.failed`, { status: state.failedStatus ?? 0 })}
    </p>
  );
}
