import { FAIL_REASONS, type RedeliverySettings } from '@tournee/shared';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { FieldError } from './field-errors.tsx';
import { SettingInput } from './setting-input.tsx';
import { type OrganisationFormProps, patchOrganisation, SettingsForm } from './settings-form.tsx';
import { useSave } from './use-save.ts';

const REASONS = [...FAIL_REASONS, 'skipped'] as const;

/** After a failed visit: automatic redelivery, and whether customers may move a delivery themselves. */
export function DeliveryRules({ org, onSaved }: OrganisationFormProps) {
  const { t } = useI18n();
  const [r, setR] = useState(org.redelivery);
  const [attempts, setAttempts] = useState(String(org.redelivery.maxAttempts));
  const [offset, setOffset] = useState(String(org.redelivery.offsetDays));
  const [beforeStart, setBeforeStart] = useState(org.customerReschedule.beforeStart);
  const save = useSave();
  const err = save.errors.of;

  async function submit() {
    const redelivery: RedeliverySettings = { ...r, maxAttempts: Number(attempts), offsetDays: Number(offset) };
    await save.run(async () => {
      onSaved(await patchOrganisation({ redelivery, customerReschedule: { beforeStart } }));
    });
  }

  return (
    <SettingsForm label={t('settings.redelivery.title')} save={save} onSubmit={submit}>
      <fieldset>
        <legend>{t('settings.redelivery.title')}</legend>
        <label className="checkbox full">
          <input type="checkbox" checked={r.auto} onChange={(e) => setR({ ...r, auto: e.target.checked })} />
          {t('settings.redelivery.auto')}
        </label>
        <SettingInput
          id="redelivery-offset"
          label={t('settings.redelivery.offsetDays')}
          hint={t('settings.redelivery.offsetDaysHint')}
          error={err('redelivery.offsetDays')}
          type="number"
          min={1}
          max={14}
          value={offset}
          onValue={setOffset}
        />
        <SettingInput
          id="redelivery-attempts"
          label={t('settings.redelivery.maxAttempts')}
          hint={t('settings.redelivery.maxAttemptsHint')}
          error={err('redelivery.maxAttempts')}
          type="number"
          min={1}
          max={10}
          value={attempts}
          onValue={setAttempts}
        />
        <fieldset className="inner">
          <legend>{t('settings.redelivery.reasons')}</legend>
          {REASONS.map((reason) => (
            <label key={reason} className="checkbox">
              <input
                type="checkbox"
                checked={r.reasons.includes(reason)}
                onChange={(e) =>
                  setR({
                    ...r,
                    reasons: e.target.checked ? [...r.reasons, reason] : r.reasons.filter((x) => x !== reason),
                  })
                }
              />
              {t(`settings.reason.${reason}`)}
            </label>
          ))}
          <FieldError id="redelivery-reasons-error" message={err('redelivery.reasons')} />
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>{t('settings.reschedule.title')}</legend>
        <label className="checkbox full">
          <input type="checkbox" checked={beforeStart} onChange={(e) => setBeforeStart(e.target.checked)} />
          {t('settings.reschedule.beforeStart')}
        </label>
        <small className="hint">{t('settings.reschedule.hint')}</small>
      </fieldset>
    </SettingsForm>
  );
}
