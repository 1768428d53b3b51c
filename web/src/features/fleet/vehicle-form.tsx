import type { Depot } from '@tournee/shared';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { NamedSelect } from './named-select.tsx';

/** Adds a vehicle: name, depot, one capacity field per organisation dimension, skills. */
export function VehicleForm(props: { dimensions: string[]; depots: Depot[]; onCreated(): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [depotId, setDepotId] = useState(props.depots[0]?.id ?? '');
  const [capacity, setCapacity] = useState<Record<string, string>>({});
  const [skills, setSkills] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api('/vehicles', {
        method: 'POST',
        body: JSON.stringify({
          name,
          depotId,
          capacity: Object.fromEntries(props.dimensions.map((d) => [d, Number(capacity[d] ?? 0)])),
          skills: skills
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        }),
      });
      setName('');
      props.onCreated();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <form className="inline-form" onSubmit={submit} aria-label={t('fleet.addVehicle')}>
      <label>
        {t('fleet.vehicle')}
        <input required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <NamedSelect
        label={t('fleet.depot')}
        value={depotId}
        items={props.depots}
        onChange={(e) => setDepotId(e.target.value)}
        optional={false}
      />
      {props.dimensions.map((d) => (
        <label key={d}>
          {d}
          <input
            type="number"
            min={0}
            step="any"
            value={capacity[d] ?? ''}
            onChange={(e) => setCapacity({ ...capacity, [d]: e.target.value })}
          />
        </label>
      ))}
      <label>
        {t('fleet.skills')}
        <input value={skills} onChange={(e) => setSkills(e.target.value)} placeholder="fridge, tail-lift" />
      </label>
      <button type="submit">{t('fleet.addVehicle')}</button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
