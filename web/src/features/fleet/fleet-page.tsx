import type { Depot, Driver, Organisation, Vehicle } from '@tournee/shared';
import { useState } from 'react';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { AsyncState } from '../layout/async-state.tsx';
import { ShiftWeekGrid } from './shift-week-grid.tsx';
import { DepotForm } from './depot-form.tsx';
import { DriverForm } from './driver-form.tsx';
import { PatternForm } from './pattern-form.tsx';
import { VehicleForm } from './vehicle-form.tsx';

type Tab = 'depots' | 'vehicles' | 'drivers' | 'shifts';

/** Depots, vehicles (capacity vector, skills), drivers, and the week grid of shifts. */
export function FleetPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('vehicles');
  const [patterns, setPatterns] = useState(0); // a new pattern re-draws the week grid
  const org = useApi<Organisation>('/organisation');
  const depots = useApi<{ items: Depot[] }>('/depots');
  const vehicles = useApi<{ items: Vehicle[] }>('/vehicles');
  const drivers = useApi<{ items: Driver[] }>('/drivers');
  const loading = org.loading || depots.loading || vehicles.loading || drivers.loading;
  const error = org.error ?? depots.error ?? vehicles.error ?? drivers.error;
  const vehicleName = new Map(vehicles.data?.items.map((v) => [v.id, v.name]) ?? []);

  return (
    <section aria-labelledby="fleet-title">
      <h1 id="fleet-title">{t('nav.fleet')}</h1>
      <div role="tablist" className="tabs">
        {(['depots', 'vehicles', 'drivers', 'shifts'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} onClick={() => setTab(k)}>
            {t(`fleet.tab.${k}`)}
          </button>
        ))}
      </div>
      <AsyncState
        loading={loading}
        error={error}
        onRetry={() => {
          for (const s of [org, depots, vehicles, drivers]) s.reload();
        }}
      >
        {tab === 'depots' && depots.data && (
          <>
            <table className="orders">
              <thead>
                <tr>
                  <th scope="col">{t('fleet.depot')}</th>
                  <th scope="col">{t('fleet.address')}</th>
                  <th scope="col">{t('fleet.timeZone')}</th>
                  <th scope="col">lat, lon</th>
                </tr>
              </thead>
              <tbody>
                {depots.data.items.map((d) => (
                  <tr key={d.id}>
                    <td>{d.name}</td>
                    <td>{d.address}</td>
                    <td>{d.timeZone}</td>
                    <td>
                      {d.location.coordinates[1].toFixed(5)}, {d.location.coordinates[0].toFixed(5)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <DepotForm onCreated={depots.reload} />
          </>
        )}
        {tab === 'vehicles' && org.data && depots.data && vehicles.data && (
          <>
            <table className="orders">
              <thead>
                <tr>
                  <th scope="col">{t('fleet.vehicle')}</th>
                  {org.data.dimensions.map((d) => (
                    <th key={d} scope="col">
                      {d}
                    </th>
                  ))}
                  <th scope="col">{t('fleet.skills')}</th>
                </tr>
              </thead>
              <tbody>
                {vehicles.data.items.map((v) => (
                  <tr key={v.id}>
                    <td>{v.name}</td>
                    {v.capacity.map((c, i) => (
                      <td key={org.data?.dimensions[i]}>{c}</td>
                    ))}
                    <td>{v.skills.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <VehicleForm dimensions={org.data.dimensions} depots={depots.data.items} onCreated={vehicles.reload} />
          </>
        )}
        {tab === 'drivers' && drivers.data && (
          <>
            <table className="orders">
              <thead>
                <tr>
                  <th scope="col">{t('fleet.driver')}</th>
                  <th scope="col">{t('fleet.phone')}</th>
                  <th scope="col">Email</th>
                  <th scope="col">{t('fleet.vehicle')}</th>
                </tr>
              </thead>
              <tbody>
                {drivers.data.items.map((d) => (
                  <tr key={d.id}>
                    <td>{d.name}</td>
                    <td>{d.phone}</td>
                    <td>{d.email}</td>
                    <td>{d.defaultVehicleId ? vehicleName.get(d.defaultVehicleId) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <DriverForm vehicles={vehicles.data?.items ?? []} onCreated={drivers.reload} />
          </>
        )}
        {tab === 'shifts' && vehicles.data && (
          <>
            <ShiftWeekGrid key={patterns} vehicles={vehicles.data.items} />
            <PatternForm
              vehicles={vehicles.data.items}
              drivers={drivers.data?.items ?? []}
              onCreated={() => setPatterns((n) => n + 1)}
            />
          </>
        )}
      </AsyncState>
    </section>
  );
}
