import type { Depot, Driver, Organisation, Vehicle } from '@tournee/shared';
import { useState } from 'react';
import { useApi } from '../../api/use-api.ts';
import { formatFixed, formatPhone } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { dimensionLabel } from '../../i18n/labels.ts';
import { AsyncState } from '../layout/async-state.tsx';
import { TabList, useTabInAddress } from '../layout/tabs.tsx';
import { DepotForm } from './depot-form.tsx';
import { DriverAccessAction } from './driver-access.tsx';
import { DriverForm } from './driver-form.tsx';
import { FleetList } from './fleet-list.tsx';
import { ShiftPatterns } from './pattern-list.tsx';
import { ShiftWeekGrid } from './shift-week-grid.tsx';
import { VehicleForm } from './vehicle-form.tsx';

const TABS = ['depots', 'vehicles', 'drivers', 'shifts'] as const;

/**
 * Depots, vehicles (capacity vector, skills) and drivers, each listed, added, edited and deleted;
 * and the week grid of shifts.
 */
export function FleetPage() {
  const { t, intl, locale } = useI18n();
  // Decimal commas in French: the two coordinates are then set apart by a semicolon.
  const sep = locale === 'fr' ? ' ;' : ',';
  // Vehicles open unless the address says otherwise: the list a dispatcher edits most.
  const [tab, setTab] = useTabInAddress('/fleet', TABS, 'vehicles');
  const [patterns, setPatterns] = useState(0); // a pattern added or edited re-draws the week grid
  const org = useApi<Organisation>('/organisation');
  const depots = useApi<{ items: Depot[] }>('/depots');
  const vehicles = useApi<{ items: Vehicle[] }>('/vehicles');
  const drivers = useApi<{ items: Driver[] }>('/drivers');
  const loading = org.loading || depots.loading || vehicles.loading || drivers.loading;
  const error = org.error ?? depots.error ?? vehicles.error ?? drivers.error;
  const vehicleName = new Map(vehicles.data?.items.map((v) => [v.id, v.name]) ?? []);
  const dimensions = org.data?.dimensions ?? [];

  return (
    <section aria-labelledby="fleet-title">
      <h1 id="fleet-title">{t('nav.fleet')}</h1>
      <TabList keys={TABS} current={tab} label={(k) => t(`fleet.tab.${k}`)} onSelect={setTab} />
      <AsyncState
        loading={loading}
        error={error}
        onRetry={() => {
          for (const s of [org, depots, vehicles, drivers]) s.reload();
        }}
      >
        {tab === 'depots' && depots.data && (
          <FleetList
            path="/depots"
            items={depots.data.items}
            forceable={false}
            onChanged={depots.reload}
            columns={[
              { header: t('fleet.depot'), cell: (d) => d.name },
              { header: t('fleet.address'), cell: (d) => d.address },
              { header: t('fleet.timeZone'), cell: (d) => d.timeZone },
              {
                header: t('fleet.latLon'),
                cell: (d) =>
                  `${formatFixed(intl, d.location.coordinates[1], 5)}${sep} ${formatFixed(intl, d.location.coordinates[0], 5)}`,
              },
              { header: t('fleet.docks'), cell: (d) => (d.docks === null ? t('fleet.noLimit') : d.docks) },
              { header: t('fleet.loadingMin'), cell: (d) => d.loadingMin },
            ]}
            form={(p) => <DepotForm {...p} />}
          />
        )}
        {tab === 'vehicles' && org.data && depots.data && vehicles.data && (
          <FleetList
            path="/vehicles"
            items={vehicles.data.items}
            forceable
            onChanged={() => {
              vehicles.reload();
              drivers.reload(); // a deleted vehicle is no longer any driver's default
            }}
            columns={[
              { header: t('fleet.vehicle'), cell: (v) => v.name },
              ...org.data.dimensions.map((d, i) => ({
                header: dimensionLabel(t, d),
                cell: (v: Vehicle) => v.capacity[i],
              })),
              { header: t('fleet.skills'), cell: (v) => v.skills.join(', ') },
              {
                header: t('fleet.reloads'),
                cell: (v) =>
                  v.reloadMin === null
                    ? t('fleet.oneTrip')
                    : t('fleet.reloadText', { min: v.reloadMin, trips: v.maxTrips }),
              },
            ]}
            form={(p) => <VehicleForm {...p} dimensions={dimensions} depots={depots.data?.items ?? []} />}
          />
        )}
        {tab === 'drivers' && drivers.data && (
          <FleetList
            path="/drivers"
            items={drivers.data.items}
            forceable
            onChanged={drivers.reload}
            columns={[
              { header: t('fleet.driver'), cell: (d) => d.name },
              {
                header: t('fleet.phone'),
                cell: (d) => (d.phone ? formatPhone(d.phone, org.data?.defaultCountry) : ''),
              },
              { header: t('fleet.email'), cell: (d) => d.email },
              {
                header: t('fleet.vehicle'),
                cell: (d) => (d.defaultVehicleId ? vehicleName.get(d.defaultVehicleId) : ''),
              },
            ]}
            form={(p) => <DriverForm {...p} vehicles={vehicles.data?.items ?? []} />}
            rowActions={(d) => <DriverAccessAction driver={d} />}
          />
        )}
        {tab === 'shifts' && vehicles.data && (
          <>
            <ShiftWeekGrid key={patterns} vehicles={vehicles.data.items} />
            <ShiftPatterns
              vehicles={vehicles.data.items}
              drivers={drivers.data?.items ?? []}
              onChanged={() => setPatterns((n) => n + 1)}
            />
          </>
        )}
      </AsyncState>
    </section>
  );
}
