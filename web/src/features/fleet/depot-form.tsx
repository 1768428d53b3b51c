import type { Depot } from '@tournee/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { type EditProps, SimpleForm } from './simple-form.tsx';
import { useFields } from './use-fields.ts';

// French keyboards type "45,7295": read a decimal comma as a point.
const decimal = (s: string) => Number(s.replace(',', '.'));

/** A whole number as typed, or null for an empty field. */
const wholeOrNull = (s: string) => (s.trim() === '' ? null : Number(s.trim()));

/**
 * A depot: where routes start and end, the time zone its days and local times are read in, and
 * its loading docks (how many vans load at once, and for how long: departures are staggered).
 */
export function DepotForm(edit: EditProps<Depot>) {
  const { t } = useI18n();
  const { editing } = edit;
  const { values: v, bind } = useFields(() => ({
    name: editing?.name ?? '',
    address: editing?.address ?? '',
    lat: editing ? String(editing.location.coordinates[1]) : '',
    lon: editing ? String(editing.location.coordinates[0]) : '',
    timeZone: editing?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    docks: editing?.docks == null ? '' : String(editing.docks),
    loadingMin: editing ? String(editing.loadingMin) : '0',
  }));
  return (
    <SimpleForm
      {...edit}
      label={t('fleet.addDepot')}
      path="/depots"
      body={() => ({
        name: v.name,
        address: v.address,
        location: { lon: decimal(v.lon), lat: decimal(v.lat) },
        timeZone: v.timeZone,
        docks: wholeOrNull(v.docks),
        loadingMin: wholeOrNull(v.loadingMin) ?? 0,
      })}
    >
      <label>
        {t('fleet.depot')}
        <input required {...bind('name')} />
      </label>
      <label>
        {t('fleet.address')}
        <input {...bind('address')} />
      </label>
      <label>
        Latitude
        <input required inputMode="decimal" {...bind('lat')} placeholder="45.7295" />
      </label>
      <label>
        Longitude
        <input required inputMode="decimal" {...bind('lon')} placeholder="4.8322" />
      </label>
      <label>
        {t('fleet.timeZone')}
        <input required {...bind('timeZone')} placeholder="Europe/Paris" />
      </label>
      <label title={t('fleet.docksHint')}>
        {t('fleet.docks')}
        <input type="number" min={1} max={500} step={1} {...bind('docks')} placeholder={t('fleet.noLimit')} />
      </label>
      <label>
        {t('fleet.loadingMin')}
        <input type="number" min={0} max={600} step={1} {...bind('loadingMin')} />
      </label>
    </SimpleForm>
  );
}
