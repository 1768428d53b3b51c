import { useState } from 'react';
import { ApiRequestError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { dimensionLabel } from '../../i18n/labels.ts';
import { FieldError } from './field-errors.tsx';
import { SettingField } from './setting-field.tsx';
import { SettingInput } from './setting-input.tsx';
import { type OrganisationFormProps, patchOrganisation, SettingsForm } from './settings-form.tsx';
import { unitName } from './units.ts';
import { useSave } from './use-save.ts';

/** The vehicles and orders a refused change of the number of dimensions names (409 details), if that is the refusal. */
function heldVectors(e: unknown): { vehicles: number; orders: number } | null {
  if (!(e instanceof ApiRequestError) || e.status !== 409 || !Array.isArray(e.details)) return null;
  const d = e.details[0] as { field?: string; vehicles?: number; orders?: number } | undefined;
  return d?.field === 'dimensions' && typeof d.vehicles === 'number' && typeof d.orders === 'number'
    ? { vehicles: d.vehicles, orders: d.orders }
    : null;
}

/** Name, language and country, capacity dimensions and the defaults orders and analytics use. */
export function OrganisationSettings({ org, onSaved }: OrganisationFormProps) {
  const { t, intl } = useI18n();
  const [name, setName] = useState(org.name);
  const [locale, setLocale] = useState(org.locale);
  const [country, setCountry] = useState(org.defaultCountry);
  const [serviceMin, setServiceMin] = useState(String(org.defaultServiceS / 60));
  const [dimensions, setDimensions] = useState(org.dimensions);
  const [tolerance, setTolerance] = useState(String(org.analytics.onTimeToleranceMin));
  const [visits, setVisits] = useState(String(org.analytics.serviceTimeVisits));
  const save = useSave();
  const err = save.errors.of;
  const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.replace(',', '.')));

  // The 409 on a changed number of dimensions, in the user's language, with its figures.
  const [locked, setLocked] = useState<string | null>(null);

  async function submit() {
    setLocked(null);
    await save.run(async () => {
      const body = {
        name,
        locale,
        defaultCountry: country,
        defaultServiceS: Math.round(num(serviceMin) * 60),
        dimensions: dimensions.map((d) => d.trim()),
        analytics: { onTimeToleranceMin: num(tolerance), serviceTimeVisits: num(visits) },
      };
      try {
        onSaved(await patchOrganisation(body));
      } catch (err) {
        const held = heldVectors(err);
        if (held)
          setLocked(
            t('settings.org.dimensionsLocked', { from: org.dimensions.length, to: body.dimensions.length, ...held }),
          );
        throw err;
      }
    });
  }

  return (
    <SettingsForm label={t('settings.org.title')} save={save} onSubmit={submit}>
      <fieldset>
        <legend>{t('settings.org.identity')}</legend>
        <SettingInput
          id="org-name"
          label={t('settings.org.name')}
          error={err('name')}
          value={name}
          onValue={setName}
          aria-invalid={!!err('name')}
        />
        <SettingField
          id="org-locale"
          label={t('settings.org.locale')}
          hint={t('settings.org.localeHint')}
          error={err('locale')}
        >
          <select id="org-locale" value={locale} onChange={(e) => setLocale(e.target.value)}>
            {[...new Set(['fr', 'en', locale])].map((l) => (
              <option key={l} value={l}>
                {new Intl.DisplayNames([intl], { type: 'language' }).of(l) ?? l}
              </option>
            ))}
          </select>
        </SettingField>
        <SettingInput
          id="org-country"
          label={t('settings.org.country')}
          hint={t('settings.org.countryHint')}
          error={err('defaultCountry')}
          value={country}
          maxLength={2}
          size={3}
          onValue={(v) => setCountry(v.toUpperCase())}
          aria-invalid={!!err('defaultCountry')}
        />
      </fieldset>

      <fieldset>
        <legend>{t('settings.org.dimensions')}</legend>
        <p className="hint">{t('settings.org.dimensionsHint')}</p>
        <table className="orders dimensions">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('settings.org.dimensionName')}</th>
              <th scope="col">{t('settings.org.dimensionUnit')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('fleet.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {dimensions.map((d, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: dimensions are vector positions; the index is their identity
              <tr key={i}>
                <td>{i + 1}</td>
                <td>
                  <input
                    aria-label={t('settings.org.dimensionN', { n: i + 1 })}
                    value={d}
                    onChange={(e) => setDimensions(dimensions.map((x, j) => (j === i ? e.target.value : x)))}
                    aria-invalid={!!err(`dimensions[${i}]`)}
                  />
                </td>
                <td>{unitName(t, d)}</td>
                <td>
                  <button
                    type="button"
                    disabled={dimensions.length === 1}
                    onClick={() => setDimensions(dimensions.filter((_, j) => j !== i))}
                  >
                    {t('settings.org.removeDimension', { name: d ? dimensionLabel(t, d) : String(i + 1) })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={() => setDimensions([...dimensions, ''])} disabled={dimensions.length >= 8}>
          {t('settings.org.addDimension')}
        </button>
        <FieldError id="org-dimensions-error" message={locked ?? err('dimensions')} />
      </fieldset>

      <fieldset>
        <legend>{t('settings.org.defaults')}</legend>
        <SettingInput
          id="org-service"
          label={t('settings.org.serviceMin')}
          hint={t('settings.org.serviceHint')}
          error={err('defaultServiceS')}
          type="number"
          min={0}
          step={0.5}
          value={serviceMin}
          onValue={setServiceMin}
          aria-invalid={!!err('defaultServiceS')}
        />
        <SettingInput
          id="org-visits"
          label={t('settings.org.serviceVisits')}
          hint={t('settings.org.serviceVisitsHint')}
          error={err('analytics.serviceTimeVisits')}
          type="number"
          min={0}
          max={50}
          value={visits}
          onValue={setVisits}
        />
        <SettingInput
          id="org-tolerance"
          label={t('settings.org.onTimeTolerance')}
          hint={t('settings.org.onTimeToleranceHint')}
          error={err('analytics.onTimeToleranceMin')}
          type="number"
          min={0}
          max={240}
          value={tolerance}
          onValue={setTolerance}
        />
      </fieldset>
    </SettingsForm>
  );
}
