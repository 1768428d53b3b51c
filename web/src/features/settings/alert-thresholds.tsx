import type { AlertSettings } from '@tournee/shared';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { SettingInput } from './setting-input.tsx';
import { type OrganisationFormProps, patchOrganisation, SettingsForm } from './settings-form.tsx';
import { useSave } from './use-save.ts';

const FIELDS: { key: keyof AlertSettings; min: number; max: number }[] = [
  { key: 'lateRiskMin', min: 0, max: 240 },
  { key: 'staleGpsMin', min: 1, max: 120 },
  { key: 'offRouteM', min: 50, max: 20_000 },
  { key: 'offRouteFixes', min: 1, max: 20 },
  { key: 'notStartedMin', min: 1, max: 240 },
  { key: 'podGraceMin', min: 1, max: 240 },
];

/** When the dispatchers' alerts fire (late risk, stale GPS, off route, route not started, missing proof). */
export function AlertThresholds({ org, onSaved }: OrganisationFormProps) {
  const { t } = useI18n();
  const [values, setValues] = useState(
    () =>
      Object.fromEntries(FIELDS.map((f) => [f.key, String(org.alerts[f.key])])) as Record<keyof AlertSettings, string>,
  );
  const save = useSave('alerts.');

  async function submit() {
    const alerts = Object.fromEntries(
      FIELDS.map((f) => [f.key, values[f.key].trim() === '' ? Number.NaN : Number(values[f.key])]),
    );
    await save.run(async () => {
      onSaved(await patchOrganisation({ alerts }));
    });
  }

  return (
    <SettingsForm label={t('settings.alerts.title')} save={save} onSubmit={submit}>
      <fieldset>
        <legend>{t('settings.alerts.title')}</legend>
        {FIELDS.map((f) => (
          <SettingInput
            key={f.key}
            id={`alerts-${f.key}`}
            label={t(`settings.alerts.${f.key}`)}
            error={save.errors.of(f.key)}
            type="number"
            min={f.min}
            max={f.max}
            value={values[f.key]}
            onValue={(v) => setValues({ ...values, [f.key]: v })}
            aria-invalid={!!save.errors.of(f.key)}
          />
        ))}
      </fieldset>
    </SettingsForm>
  );
}
