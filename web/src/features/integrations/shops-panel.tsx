import { SHOP_PLATFORMS, type ShopConnection, type ShopPlatform } from '@tournee/shared';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ConfirmButton } from './confirm-button.tsx';
import { ListTable } from './list-table.tsx';
import { useListChange } from './use-list-change.ts';
import { When } from './shown-once.tsx';
import { CreateForm } from './create-form.tsx';

const PLATFORM_NAMES: Record<ShopPlatform, string> = { shopify: 'Shopify', woocommerce: 'WooCommerce' };

/** Shops whose paid orders come in by webhook: connect (secret), see the URL to paste, disconnect. */
export function ShopsPanel() {
  const { t } = useI18n();
  const shops = useApi<{ items: ShopConnection[] }>('/intake/connections');
  const [platform, setPlatform] = useState<ShopPlatform>('shopify');
  const [shop, setShop] = useState('');
  const [secret, setSecret] = useState('');
  const urlOf = (p: ShopPlatform) => `${location.origin}/api/intake/${p}`;

  const { error, run } = useListChange(shops);

  return (
    <div className="integrations-panel">
      <p className="muted">{t('integrations.shops.intro')}</p>
      <CreateForm
        error={error}
        title={t('integrations.shops.new')}
        onSubmit={() => {
          void run(async () => {
            await api('/intake/connections', { method: 'POST', body: JSON.stringify({ platform, shop, secret }) });
            setShop('');
            setSecret('');
          });
        }}
      >
        <label>
          {t('integrations.shops.platform')}
          <select value={platform} onChange={(e) => setPlatform(e.target.value as ShopPlatform)}>
            {SHOP_PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {PLATFORM_NAMES[p]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('integrations.shops.shop')}
          <input required value={shop} onChange={(e) => setShop(e.target.value)} />
          <small className="muted">{t('integrations.shops.shopHint')}</small>
        </label>
        <label>
          {t('integrations.shops.secret')}
          <input required type="password" minLength={8} value={secret} onChange={(e) => setSecret(e.target.value)} />
        </label>
        <p>
          {t('integrations.shops.webhookUrl')} <code>{urlOf(platform)}</code>
        </p>
        <button type="submit" className="primary" disabled={!shop || secret.length < 8}>
          {t('integrations.shops.connect')}
        </button>
      </CreateForm>
      <ListTable
        list={shops}
        label={t('integrations.tab.shops')}
        empty={t('integrations.shops.empty')}
        headers={[
          t('integrations.shops.platform'),
          t('integrations.shops.shop'),
          t('integrations.shops.webhookUrl'),
          t('integrations.shops.lastOrder'),
        ]}
        row={(s) => (
          <tr key={s.id}>
            <td>{PLATFORM_NAMES[s.platform]}</td>
            <td>{s.shop}</td>
            <td>
              <code>{urlOf(s.platform)}</code>
            </td>
            <td>
              <When at={s.lastOrderAt} />
            </td>
            <td>
              <ConfirmButton
                question={t('integrations.shops.confirmDisconnect', { shop: s.shop })}
                onConfirmed={() => void run(() => api(`/intake/connections/${s.id}`, { method: 'DELETE' }))}
              >
                {t('integrations.shops.disconnect')}
              </ConfirmButton>
            </td>
          </tr>
        )}
      />
    </div>
  );
}
