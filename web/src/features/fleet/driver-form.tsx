import type { Driver, Vehicle } from '@tournee/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { NamedSelect } from '../../components/named-select.tsx';
import { type EditProps, SimpleForm } from './simple-form.tsx';
import { useFields } from './use-fields.ts';

/** A driver: phone (stored in E.164 by the server), email, and the vehicle they usually drive. */
export function DriverForm({ vehicles, ...edit }: EditProps<Driver> & { vehicles: Vehicle[] }) {
  const { t } = useI18n();
  const { editing } = edit;
  const { values: v, bind } = useFields(() => ({
    name: editing?.name ?? '',
    phone: editing?.phone ?? '',
    email: editing?.email ?? '',
    vehicle: editing?.defaultVehicleId ?? '',
  }));
  return (
    <SimpleForm
      {...edit}
      label={t('fleet.addDriver')}
      path="/drivers"
      // An emptied field is null, which clears it on PATCH (absent would keep the old value).
      body={() => ({
        name: v.name,
        phone: v.phone.trim() || null,
        email: v.email.trim() || null,
        defaultVehicleId: v.vehicle || null,
      })}
    >
      <label>
        {t('fleet.driver')}
        <input required {...bind('name')} />
      </label>
      <label>
        {t('fleet.phone')}
        <input type="tel" {...bind('phone')} placeholder="06 12 34 56 78" />
      </label>
      <label>
        {t('fleet.email')}
        <input type="email" {...bind('email')} />
      </label>
      <NamedSelect label={t('fleet.vehicle')} items={vehicles} {...bind('vehicle')} />
    </SimpleForm>
  );
}
