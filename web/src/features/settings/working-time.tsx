import { EU_WORKING_TIME, type WorkingTimeSettings } from '@tournee/shared';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { SettingInput } from './setting-input.tsx';
import { type OrganisationFormProps, patchOrganisation, SettingsForm } from './settings-form.tsx';
import { useSave } from './use-save.ts';

type Hours = 'maxWeeklyHours' | 'minDailyRestHours' | 'maxDrivingHours';
const HOURS: Hours[] = ['maxWeeklyHours', 'minDailyRestHours', 'maxDrivingHours'];

/** A rule's figure as typed ("4,5" or "4.5"), null for an empty field (the rule is off). */
const figure = (s: string) => (s.trim() === '' ? null : Number(s.trim().replace(',', '.')));
const shown = (n: number | null) => (n === null ? '' : String(n));

/**
 * The drivers' working-time rules the planner enforces over everything it plans at once: hours
 * per ISO week, rest between shifts, driving before a break and that break's length. An empty
 * field turns its rule off; "EU rules" fills in the usual figures.
 */
export function WorkingTimeRules({ org, onSaved }: OrganisationFormProps) {
  const { t } = useI18n();
  const [values, setValues] = useState(() => ({
    maxWeeklyHours: shown(org.workingTime.maxWeeklyHours),
    minDailyRestHours: shown(org.workingTime.minDailyRestHours),
    maxDrivingHours: shown(org.workingTime.maxDrivingHours),
    drivingBreakMin: String(org.workingTime.drivingBreakMin),
  }));
  const save = useSave();
  const err = save.errors.of;
  const set = (k: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [k]: value }));

  async function submit() {
    const workingTime: WorkingTimeSettings = {
      maxWeeklyHours: figure(values.maxWeeklyHours),
      minDailyRestHours: figure(values.minDailyRestHours),
      maxDrivingHours: figure(values.maxDrivingHours),
      drivingBreakMin: figure(values.drivingBreakMin) ?? Number.NaN,
    };
    await save.run(async () => {
      onSaved(await patchOrganisation({ workingTime }));
    });
  }

  const field = (k: Hours | 'drivingBreakMin', label: string, hint: string) => {
    const id = `work-${k}`;
    return (
      <SettingInput
        id={id}
        label={label}
        hint={hint}
        error={err(`workingTime.${k}`)}
        type="number"
        min={0}
        step={k === 'drivingBreakMin' ? 1 : 'any'}
        value={values[k]}
        onValue={set(k)}
        aria-invalid={!!err(`workingTime.${k}`)}
        aria-describedby={err(`workingTime.${k}`) ? `${id}-error` : undefined}
      />
    );
  };

  return (
    <SettingsForm label={t('settings.work.title')} save={save} onSubmit={submit}>
      <fieldset>
        <legend>{t('settings.work.title')}</legend>
        <p className="hint">{t('settings.work.hint')}</p>
        {field('maxWeeklyHours', t('settings.work.maxWeeklyHours'), t('settings.work.maxWeeklyHoursHint'))}
        {field('minDailyRestHours', t('settings.work.minDailyRestHours'), t('settings.work.minDailyRestHoursHint'))}
        {field('maxDrivingHours', t('settings.work.maxDrivingHours'), t('settings.work.maxDrivingHoursHint'))}
        {field('drivingBreakMin', t('settings.work.breakMin'), t('settings.work.breakMinHint'))}
        <button
          type="button"
          onClick={() => {
            save.touched();
            setValues({
              ...Object.fromEntries(HOURS.map((k) => [k, shown(EU_WORKING_TIME[k])])),
              drivingBreakMin: String(EU_WORKING_TIME.drivingBreakMin),
            } as typeof values);
          }}
        >
          {t('settings.work.useEu')}
        </button>
      </fieldset>
    </SettingsForm>
  );
}
