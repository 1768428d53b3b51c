import type { Driver, ShiftPattern, Vehicle } from '@tournee/shared';
import { useState } from 'react';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCanWrite } from '../auth/session.tsx';
import { AsyncState } from '../layout/async-state.tsx';
import { PatternForm } from './pattern-form.tsx';
import { RowActions } from './row-actions.tsx';
import { weekdaysText } from './weekdays.ts';
import './fleet.css';

/**
 * The weekly shift patterns, one row each (vehicle, driver, days, hours, break, dates), each
 * editable and deletable; below, the form that adds one or edits the chosen one. `onChanged`
 * tells the week grid to re-read its shifts.
 */
export function ShiftPatterns(props: { vehicles: Vehicle[]; drivers: Driver[]; onChanged(): void }) {
  const { t, locale, intl } = useI18n();
  const canWrite = useCanWrite();
  const patterns = useApi<{ items: ShiftPattern[] }>('/shift-patterns');
  const [editing, setEditing] = useState<ShiftPattern | null>(null);
  const vehicleName = new Map(props.vehicles.map((v) => [v.id, v.name]));
  const driverName = new Map(props.drivers.map((d) => [d.id, d.name]));
  const date = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString(intl, { timeZone: 'UTC' });
  const changed = () => {
    setEditing(null);
    patterns.reload();
    props.onChanged();
  };
  const items = [...(patterns.data?.items ?? [])].sort((a, b) =>
    (vehicleName.get(a.vehicleId) ?? '').localeCompare(vehicleName.get(b.vehicleId) ?? '', locale, { numeric: true }),
  );

  return (
    <section className="shift-patterns" aria-labelledby="patterns-title">
      <h2 id="patterns-title">{t('fleet.pattern.title')}</h2>
      <AsyncState loading={patterns.loading} error={patterns.error} onRetry={patterns.reload}>
        {items.length === 0 ? (
          <p className="empty">{t('fleet.pattern.none')}</p>
        ) : (
          <table className="orders patterns">
            <thead>
              <tr>
                <th scope="col">{t('fleet.vehicle')}</th>
                <th scope="col">{t('fleet.driver')}</th>
                <th scope="col">{t('fleet.weekdays')}</th>
                <th scope="col">{t('fleet.pattern.hours')}</th>
                <th scope="col">{t('fleet.pattern.break')}</th>
                <th scope="col">{t('fleet.pattern.dates')}</th>
                {canWrite && <th scope="col">{t('fleet.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((p) => {
                const vehicle = vehicleName.get(p.vehicleId) ?? '—';
                return (
                  <tr key={p.id} className={editing?.id === p.id ? 'selected' : undefined}>
                    <td>{vehicle}</td>
                    <td>{p.driverId ? (driverName.get(p.driverId) ?? '—') : '—'}</td>
                    <td>{weekdaysText(p.weekdays, locale)}</td>
                    <td>
                      {p.start}–{p.end}
                    </td>
                    <td>
                      {p.breaks
                        .map((b) => t('fleet.pattern.breakText', { min: b.durationMin, from: b.start, to: b.end }))
                        .join('; ') || '—'}
                    </td>
                    <td>
                      {p.validTo
                        ? t('fleet.pattern.fromTo', { from: date(p.validFrom), to: date(p.validTo) })
                        : t('fleet.pattern.fromOn', { from: date(p.validFrom) })}
                    </td>
                    {canWrite && (
                      <td>
                        <RowActions
                          name={t('fleet.pattern.of', { vehicle })}
                          path={`/shift-patterns/${p.id}`}
                          forceable={false}
                          onEdit={() => setEditing(p)}
                          onDeleted={changed}
                        />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </AsyncState>
      {canWrite && (
        <PatternForm
          key={editing?.id ?? 'new'}
          vehicles={props.vehicles}
          drivers={props.drivers}
          editing={editing}
          onSaved={changed}
          onCancel={() => setEditing(null)}
        />
      )}
    </section>
  );
}
