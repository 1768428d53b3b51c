import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { SimpleForm } from './simple-form.tsx';

/** A depot: where routes start and end, and the time zone its days and local times are read in. */
export function DepotForm({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const [v, setV] = useState({
    name: '',
    address: '',
    lat: '',
    lon: '',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  return (
    <SimpleForm
      label={t('fleet.addDepot')}
      path="/depots"
      onCreated={onCreated}
      body={() => ({
        name: v.name,
        address: v.address,
        location: { lon: Number(v.lon.replace(',', '.')), lat: Number(v.lat.replace(',', '.')) },
        timeZone: v.timeZone,
      })}
    >
      <label>
        {t('fleet.depot')}
        <input required value={v.name} onChange={set('name')} />
      </label>
      <label>
        {t('fleet.address')}
        <input value={v.address} onChange={set('address')} />
      </label>
      <label>
        Latitude
        <input required inputMode="decimal" value={v.lat} onChange={set('lat')} placeholder="45.7295" />
      </label>
      <label>
        Longitude
        <input required inputMode="decimal" value={v.lon} onChange={set('lon')} placeholder="4.8322" />
      </label>
      <label>
        {t('fleet.timeZone')}
        <input required value={v.timeZone} onChange={set('timeZone')} placeholder="Europe/Paris" />
      </label>
    </SimpleForm>
  );
}
