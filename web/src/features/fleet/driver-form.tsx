import type { Vehicle } from '@tournee/shared';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { NamedSelect } from './named-select.tsx';
import { SimpleForm } from './simple-form.tsx';

export function DriverForm(props: { vehicles: Vehicle[]; onCreated(): void }) {
  const { t } = useI18n();
  const [v, setV] = useState({ name: '', phone: '', email: '', vehicle: '' });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  return (
    <SimpleForm
      label={t('fleet.addDriver')}
      path="/drivers"
      onCreated={props.onCreated}
      body={() => ({
        name: v.name,
        phone: v.phone || undefined,
        email: v.email || undefined,
        defaultVehicleId: v.vehicle || undefined,
      })}
    >
      <label>
        {t('fleet.driver')}
        <input required value={v.name} onChange={set('name')} />
      </label>
      <label>
        {t('fleet.phone')}
        <input type="tel" value={v.phone} onChange={set('phone')} placeholder="06 12 34 56 78" />
      </label>
      <label>
        Email
        <input type="email" value={v.email} onChange={set('email')} />
      </label>
      <NamedSelect label={t('fleet.vehicle')} value={v.vehicle} items={props.vehicles} onChange={set('vehicle')} />
    </SimpleForm>
  );
}
