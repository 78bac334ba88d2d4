import type { Organisation } from '@shared';
import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/useLanguage';
import { organisationName } from '../services/serviceOptions';
import { useServicesApi } from '../services/servicesApi';
import '../services/services.css';
import { ServiceCreateForm } from './ServiceCreateForm';
import { ServiceImportForm } from './ServiceImportForm';
import { useResource } from './useResource';

/** Rows drawn at most; the filter finds the rest (a city directory runs to 1,500). */
const SHOWN_LIMIT = 200;

/** The service directory: find, deactivate/reactivate, add one, import or export CSV. */
export function ServicesSection() {
  const { t } = useTranslation();
  const language = useLanguage();
  const api = useServicesApi();
  const headingId = useId();
  const list = useResource(useCallback(() => api.adminList(), [api]));
  const [filter, setFilter] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busyBin, setBusyBin] = useState<string | null>(null);

  const all = useMemo(() => list.data?.services ?? [], [list.data]);
  const shown = useMemo(() => {
    const words = filter.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    const hits = all.filter((o) => {
      const text = `${o.bin} ${o.name.ru} ${o.name.kk} ${o.name.en ?? ''}`.toLocaleLowerCase();
      return words.every((w) => text.includes(w));
    });
    return hits.slice(0, SHOWN_LIMIT);
  }, [all, filter]);

  const toggle = async (org: Organisation) => {
    setBusyBin(org.bin);
    const result = await api.update(org.bin, { active: !org.active });
    setBusyBin(null);
    setMessage(
      result.ok
        ? t('services.changed', {
            name: organisationName(org, language),
            state: t(result.data.service.active ? 'services.active' : 'services.inactive'),
          })
        : t('admin.actionFailed', { status: result.status }),
    );
    list.reload();
  };

  return (
    <section id="services" className="admin-section" aria-labelledby={headingId} data-testid="admin-services">
      <div className="admin-section__head">
        <h2 id={headingId}>{t('services.title')}</h2>
        <button type="button" className="button button--small" onClick={list.reload}>
          {t('admin.refresh')}
        </button>
      </div>
      <p>{t('services.adminIntro')}</p>
      {list.hasFailed && <p role="alert">{t('admin.loadFailed')}</p>}
      {message && (
        <p role="status" className="admin-section__message">
          {message}
        </p>
      )}
      <label className="field">
        <span className="field__label">{t('services.filter')}</span>
        <input
          className="field__input"
          type="search"
          value={filter}
          data-testid="services-filter"
          onChange={(event) => setFilter(event.target.value)}
        />
      </label>
      {list.data && all.length === 0 && <p>{t('services.empty')}</p>}
      {all.length > 0 && (
        <>
          <p>{t('services.count', { shown: shown.length, total: all.length })}</p>
          <div className="admin-table__scroll">
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('services.name')}</th>
                  <th scope="col">{t('services.bin')}</th>
                  <th scope="col">{t('services.kind')}</th>
                  <th scope="col">{t('services.regions')}</th>
                  <th scope="col">{t('services.categories')}</th>
                  <th scope="col">{t('services.phone')}</th>
                  <th scope="col">{t('services.state')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((org) => (
                  <tr
                    key={org.bin}
                    data-testid="service-row"
                    data-bin={org.bin}
                    className={org.active ? undefined : 'services-admin__inactive'}
                  >
                    <th scope="row">{organisationName(org, language)}</th>
                    <td>{org.bin}</td>
                    <td>{t(`services.kinds.${org.kind}`)}</td>
                    <td>{org.regions.join(' ')}</td>
                    <td>{org.categories.length > 0 ? org.categories.join(' ') : t('services.anyCategory')}</td>
                    <td>{org.phone ?? ''}</td>
                    <td>
                      {t(org.active ? 'services.active' : 'services.inactive')}{' '}
                      <button
                        type="button"
                        className="button button--small"
                        disabled={busyBin === org.bin}
                        data-testid="service-toggle"
                        onClick={() => void toggle(org)}
                      >
                        {org.active ? t('services.deactivate') : t('services.activate')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <ServiceImportForm api={api} onImported={list.reload} />
      <ServiceCreateForm
        api={api}
        onCreated={(name) => {
          setMessage(t('services.added', { name }));
          list.reload();
        }}
      />
    </section>
  );
}
