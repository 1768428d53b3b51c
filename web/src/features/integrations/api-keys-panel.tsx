import { API_KEY_SCOPES, type ApiKey, type ApiKeyScope, type CreatedApiKey } from '@tournee/shared';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { type TextKey, useI18n } from '../../i18n/i18n.tsx';
import { ConfirmButton } from './confirm-button.tsx';
import { ListTable } from './list-table.tsx';
import { useListChange } from './use-list-change.ts';
import { formatWhen, ShownOnce, When } from './shown-once.tsx';
import { CreateForm } from './create-form.tsx';

const scopeLabel = (s: ApiKeyScope) => `integrations.scope.${s}` as TextKey;

/** API keys: create one (the key is shown once), see when each was last used, revoke. */
export function ApiKeysPanel() {
  const { t, intl } = useI18n();
  const keys = useApi<{ items: ApiKey[] }>('/api-keys');
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['orders:read', 'orders:write']);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const { error, run } = useListChange(keys);

  const create = () =>
    run(async () => {
      setCreated(await api<CreatedApiKey>('/api-keys', { method: 'POST', body: JSON.stringify({ name, scopes }) }));
      setName('');
    });
  const toggle = (s: ApiKeyScope) => setScopes((old) => (old.includes(s) ? old.filter((x) => x !== s) : [...old, s]));

  return (
    <div className="integrations-panel">
      <p className="muted">{t('integrations.keys.intro')}</p>
      {created && (
        <ShownOnce
          title={t('integrations.keys.created', { name: created.name })}
          value={created.key}
          onDone={() => setCreated(null)}
        />
      )}
      <CreateForm error={error} title={t('integrations.keys.new')} onSubmit={() => void create()}>
        <label>
          {t('integrations.name')}
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <fieldset>
          <legend>{t('integrations.keys.scopes')}</legend>
          {API_KEY_SCOPES.map((s) => (
            <label key={s} className="check">
              <input type="checkbox" checked={scopes.includes(s)} onChange={() => toggle(s)} />
              <code>{s}</code> {t(scopeLabel(s))}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={!name.trim() || scopes.length === 0}>
          {t('integrations.keys.create')}
        </button>
      </CreateForm>
      <ListTable
        list={keys}
        label={t('integrations.tab.keys')}
        empty={t('integrations.keys.empty')}
        headers={[
          t('integrations.name'),
          t('integrations.keys.prefix'),
          t('integrations.keys.scopes'),
          t('integrations.created'),
          t('integrations.keys.lastUsed'),
          t('integrations.keys.status'),
        ]}
        row={(k) => (
          <tr key={k.id} className={k.revokedAt ? 'revoked' : undefined}>
            <td>{k.name}</td>
            <td>
              <code>{k.prefix}</code>
            </td>
            <td>
              {k.scopes.map((s) => (
                <code key={s} className="chip" title={t(scopeLabel(s))}>
                  {s}
                </code>
              ))}
            </td>
            <td>
              <When at={k.createdAt} />
            </td>
            <td>
              <When at={k.lastUsedAt} />
            </td>
            <td>
              {k.revokedAt
                ? t('integrations.revoked', { date: formatWhen(intl, k.revokedAt) })
                : t('integrations.active')}
            </td>
            <td>
              {!k.revokedAt && (
                <ConfirmButton
                  question={t('integrations.keys.confirmRevoke', { name: k.name })}
                  onConfirmed={() => void run(() => api(`/api-keys/${k.id}`, { method: 'DELETE' }))}
                >
                  {t('integrations.revoke')}
                </ConfirmButton>
              )}
            </td>
          </tr>
        )}
      />
    </div>
  );
}
