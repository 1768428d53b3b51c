import { NOTIFY_TRIGGERS, type NotifySettings, type ResolvedNotifySettings } from '@tournee/shared';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { SettingInput } from './setting-input.tsx';
import { SettingsForm } from './settings-form.tsx';
import { TemplatePreview } from './template-preview.tsx';
import { useSave } from './use-save.ts';

// Declared in shared (the server answers it); re-exported for the settings page that loads it.
export type { ResolvedNotifySettings };

/**
 * Which customer messages go out, on which channels, not at night, and where a customer re-books;
 * beside it, each message as the customer would read it.
 */
export function NotificationSettings({ initial }: { initial: ResolvedNotifySettings }) {
  const { t } = useI18n();
  const [s, setS] = useState(initial);
  const [quiet, setQuiet] = useState(initial.quietHours ?? { start: '21:00', end: '08:00' });
  const [quietOn, setQuietOn] = useState(initial.quietHours !== null);
  const [numbers, setNumbers] = useState({
    nextWithinMin: String(initial.nextWithinMin),
    proximityStops: String(initial.proximityStops),
    etaMovedMin: String(initial.etaMovedMin),
  });
  const [saves, setSaves] = useState(0); // a save re-renders the preview (rebook URL, triggers)
  const save = useSave();
  const err = save.errors.of;
  const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));

  async function submit() {
    const body: NotifySettings = {
      triggers: s.triggers,
      channels: s.channels,
      quietHours: quietOn ? quiet : null,
      nextWithinMin: num(numbers.nextWithinMin),
      proximityStops: num(numbers.proximityStops),
      etaMovedMin: num(numbers.etaMovedMin),
      rebookUrl: s.rebookUrl?.trim() || null,
      rebookPhone: s.rebookPhone?.trim() || null,
    };
    const ok = await save.run(async () => {
      setS(await api<ResolvedNotifySettings>('/notifications/settings', { method: 'PUT', body: JSON.stringify(body) }));
    });
    if (ok) setSaves((n) => n + 1);
  }

  const numberField = (key: keyof typeof numbers, min: number, max: number) => (
    <SettingInput
      id={`notify-${key}`}
      label={t(`settings.notify.${key}`)}
      hint={t(`settings.notify.${key}Hint`)}
      error={err(key)}
      type="number"
      min={min}
      max={max}
      value={numbers[key]}
      onValue={(v) => setNumbers({ ...numbers, [key]: v })}
      aria-invalid={!!err(key)}
    />
  );

  return (
    <div className="settings-columns">
      <SettingsForm label={t('settings.notify.title')} save={save} onSubmit={submit}>
        <fieldset>
          <legend>{t('settings.notify.triggers')}</legend>
          {NOTIFY_TRIGGERS.map((k) => (
            <label key={k} className="checkbox">
              <input
                type="checkbox"
                checked={s.triggers[k]}
                onChange={(e) => setS({ ...s, triggers: { ...s.triggers, [k]: e.target.checked } })}
              />
              {t(`settings.trigger.${k}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('settings.notify.channels')}</legend>
          {(['sms', 'email'] as const).map((c) => (
            <label key={c} className="checkbox">
              <input
                type="checkbox"
                checked={s.channels[c]}
                onChange={(e) => setS({ ...s, channels: { ...s.channels, [c]: e.target.checked } })}
              />
              {t(`settings.channel.${c}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('settings.notify.quietHours')}</legend>
          <label className="checkbox full">
            <input type="checkbox" checked={quietOn} onChange={(e) => setQuietOn(e.target.checked)} />
            {t('settings.notify.quietOn')}
          </label>
          <div className="setting-row">
            {(['start', 'end'] as const).map((end) => (
              <SettingInput
                key={end}
                id={`quiet-${end}`}
                label={t(end === 'start' ? 'settings.notify.quietFrom' : 'settings.notify.quietTo')}
                error={err(`quietHours.${end}`)}
                type="time"
                disabled={!quietOn}
                value={quiet[end]}
                onValue={(v) => setQuiet({ ...quiet, [end]: v })}
              />
            ))}
          </div>
          <small className="hint">{t('settings.notify.quietHint')}</small>
        </fieldset>
        <fieldset>
          <legend>{t('settings.notify.timing')}</legend>
          {numberField('nextWithinMin', 1, 180)}
          {numberField('proximityStops', 1, 10)}
          {numberField('etaMovedMin', 5, 600)}
        </fieldset>
        <fieldset>
          <legend>{t('settings.notify.rebook')}</legend>
          <SettingInput
            id="notify-rebookUrl"
            wide
            label={t('settings.notify.rebookUrl')}
            hint={t('settings.notify.rebookUrlHint')}
            error={err('rebookUrl')}
            type="url"
            placeholder="https://"
            value={s.rebookUrl ?? ''}
            onValue={(v) => setS({ ...s, rebookUrl: v })}
            aria-invalid={!!err('rebookUrl')}
          />
          <SettingInput
            id="notify-rebookPhone"
            label={t('settings.notify.rebookPhone')}
            error={err('rebookPhone')}
            type="tel"
            value={s.rebookPhone ?? ''}
            onValue={(v) => setS({ ...s, rebookPhone: v })}
          />
        </fieldset>
      </SettingsForm>
      <TemplatePreview key={saves} triggers={s.triggers} channels={s.channels} />
    </div>
  );
}
