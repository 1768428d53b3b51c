import type { Depot, Vehicle } from '@tournee/shared';
import { useI18n } from '../../i18n/i18n.tsx';
import { dimensionLabel } from '../../i18n/labels.ts';
import { NamedSelect } from '../../components/named-select.tsx';
import { type EditProps, SimpleForm } from './simple-form.tsx';
import { useFields } from './use-fields.ts';

/**
 * A vehicle's name, depot, one capacity field per organisation dimension, skills, and whether it
 * reloads at its depot mid-shift (minutes per reload, trips at most). Editing sends only these:
 * costs, limits and speed stay as they are.
 */
export function VehicleForm({
  dimensions,
  depots,
  ...edit
}: EditProps<Vehicle> & { dimensions: string[]; depots: Depot[] }) {
  const { t } = useI18n();
  const { editing } = edit;
  const { values: v, bind } = useFields(() => ({
    name: editing?.name ?? '',
    depotId: editing?.depotId ?? depots[0]?.id ?? '',
    skills: editing?.skills.join(', ') ?? '',
    // Empty: the vehicle makes one trip and never reloads.
    reloadMin: editing?.reloadMin == null ? '' : String(editing.reloadMin),
    maxTrips: String(editing?.maxTrips ?? 3),
  }));
  const capacity = useFields(() =>
    Object.fromEntries(dimensions.map((d) => [d, editing ? String(editing.capacityByDimension[d] ?? 0) : ''])),
  );
  return (
    <SimpleForm
      {...edit}
      label={t('fleet.addVehicle')}
      path="/vehicles"
      body={() => ({
        name: v.name,
        depotId: v.depotId,
        capacity: Object.fromEntries(dimensions.map((d) => [d, Number(capacity.values[d] || 0)])),
        skills: v.skills
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        reloadMin: v.reloadMin.trim() === '' ? null : Number(v.reloadMin),
        maxTrips: v.maxTrips.trim() === '' ? 3 : Number(v.maxTrips),
      })}
    >
      <label>
        {t('fleet.vehicle')}
        <input required {...bind('name')} />
      </label>
      <NamedSelect label={t('fleet.depot')} items={depots} none={false} {...bind('depotId')} />
      {dimensions.map((d) => (
        <label key={d}>
          {dimensionLabel(t, d)}
          <input type="number" min={0} step="any" {...capacity.bind(d)} />
        </label>
      ))}
      <label>
        {t('fleet.skills')}
        <input {...bind('skills')} placeholder={t('fleet.skillsExample')} />
      </label>
      <label title={t('fleet.reloadMinHint')}>
        {t('fleet.reloadMin')}
        <input type="number" min={0} max={600} step={1} {...bind('reloadMin')} placeholder={t('fleet.oneTrip')} />
      </label>
      <label>
        {t('fleet.maxTrips')}
        <input type="number" min={1} max={20} step={1} {...bind('maxTrips')} disabled={v.reloadMin.trim() === ''} />
      </label>
    </SimpleForm>
  );
}
