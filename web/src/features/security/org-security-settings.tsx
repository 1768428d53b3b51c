import type { RetentionSettings, SecuritySettings } from '@tournee/shared';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { AsyncState } from '../layout/async-state.tsx';
import { SecuritySection } from './security-section.tsx';

interface OrgSecurity {
  security: SecuritySettings;
  retention: RetentionSettings;
}

const MFA_ROLES = ['admin', 'dispatcher', 'viewer'] as const;
const RETENTION_FIELDS = [
  'proofDays',
  'customerDataDays',
  'notificationDays',
  'positionDays',
  'importRejectionDays',
  'auditYears',
] as const;

/** The Settings screen's "Security" tab: the organisation's rules, then the admin's own security. */
export function SecurityTab() {
  const { t } = useI18n();
  const settings = useApi<OrgSecurity>('/security/settings');
  const [draft, setDraft] = useState<OrgSecurity | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => setDraft(settings.data), [settings.data]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    setMessage(null);
    try {
      const saved = await api<OrgSecurity>('/security/settings', { method: 'PATCH', body: JSON.stringify(draft) });
      settings.patch(() => saved);
      setMessage({ ok: true, text: '' });
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    }
  };
  const setSecurity = (patch: Partial<SecuritySettings>) =>
    setDraft((d) => (d ? { ...d, security: { ...d.security, ...patch } } : d));

  return (
    <div className="security">
      <AsyncState loading={settings.loading} error={settings.error} onRetry={settings.reload}>
        {draft && (
          <form className="security-card totp-enrol" onSubmit={save} aria-labelledby="org-security-title">
            <h2 id="org-security-title">{t('security.org.title')}</h2>
            <fieldset>
              <legend>{t('security.org.mfaRoles')}</legend>
              {MFA_ROLES.map((role) => (
                <label key={role} className="inline">
                  <input
                    type="checkbox"
                    checked={draft.security.mfaRequiredRoles.includes(role)}
                    onChange={(e) =>
                      setSecurity({
                        mfaRequiredRoles: e.target.checked
                          ? [...draft.security.mfaRequiredRoles, role]
                          : draft.security.mfaRequiredRoles.filter((r) => r !== role),
                      })
                    }
                  />{' '}
                  {t(`settings.role.${role}`)}
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>{t('security.org.sso')}</legend>
              <label className="inline">
                <input
                  type="checkbox"
                  checked={draft.security.passwordSignIn}
                  onChange={(e) => setSecurity({ passwordSignIn: e.target.checked })}
                />{' '}
                {t('security.org.passwordSignIn')}
              </label>
              <label className="inline">
                <input
                  type="checkbox"
                  checked={draft.security.oidcAutoProvision}
                  onChange={(e) => setSecurity({ oidcAutoProvision: e.target.checked })}
                />{' '}
                {t('security.org.autoProvision')}
              </label>
            </fieldset>
            <fieldset>
              <legend>{t('security.org.retention')}</legend>
              {RETENTION_FIELDS.map((f) => (
                <label key={f}>
                  {t(`security.retention.${f}`)}
                  <input
                    type="number"
                    min={1}
                    required
                    value={draft.retention[f]}
                    onChange={(e) =>
                      setDraft((d) => (d ? { ...d, retention: { ...d.retention, [f]: Number(e.target.value) } } : d))
                    }
                  />
                </label>
              ))}
            </fieldset>
            <button type="submit">{t('security.org.save')}</button>
            {message && (
              <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
                {message.ok ? t('security.org.saved') : message.text}
              </p>
            )}
          </form>
        )}
      </AsyncState>
      <SecuritySection />
    </div>
  );
}
