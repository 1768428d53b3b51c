import { type CreatedWebhook, WEBHOOK_EVENTS, type WebhookEventType, type WebhookSubscription } from '@tournee/shared';
import { Fragment, useState } from 'react';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { webhookEventLabel } from '../../i18n/labels.ts';
import { ConfirmButton } from './confirm-button.tsx';
import { ListTable } from './list-table.tsx';
import { useListChange } from './use-list-change.ts';
import { DeliveryLog } from './delivery-log.tsx';
import { formatWhen, ShownOnce } from './shown-once.tsx';
import { CreateForm } from './create-form.tsx';
import { numberFormat } from '../../i18n/format.ts';

const ORDER_EVENTS = WEBHOOK_EVENTS.filter((e) => e.startsWith('order.'));
const ROUTE_EVENTS = WEBHOOK_EVENTS.filter((e) => !e.startsWith('order.'));

/** Webhook subscriptions: create (events, optional secret), turn on/off, delivery log, replay, delete. */
export function WebhooksPanel() {
  const { t, intl } = useI18n();
  const subs = useApi<{ items: WebhookSubscription[] }>('/webhooks');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>(['order.created', 'order.delivered', 'order.failed']);
  const [secret, setSecret] = useState('');
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const { error, run } = useListChange(subs);
  const create = () =>
    run(async () => {
      const body = { url, events, ...(secret ? { secret } : {}) };
      setCreated(await api<CreatedWebhook>('/webhooks', { method: 'POST', body: JSON.stringify(body) }));
      setUrl('');
      setSecret('');
    });
  const toggle = (e: WebhookEventType) =>
    setEvents((old) => (old.includes(e) ? old.filter((x) => x !== e) : [...old, e]));
  const status = (s: WebhookSubscription) => {
    if (s.enabled)
      return s.failingSince
        ? t('integrations.hooks.failingSince', { date: formatWhen(intl, s.failingSince) })
        : t('integrations.hooks.enabled');
    return s.disabledReason === 'failing' && s.failingSince
      ? t('integrations.hooks.disabledFailing', { date: formatWhen(intl, s.failingSince) })
      : t('integrations.hooks.disabledManual');
  };
  const eventBoxes = (list: readonly WebhookEventType[]) =>
    list.map((e) => (
      <label key={e} className="check">
        <input type="checkbox" checked={events.includes(e)} onChange={() => toggle(e)} />
        <span>
          {webhookEventLabel(t, e)} <code className="event-code">{e}</code>
        </span>
      </label>
    ));

  return (
    <div className="integrations-panel">
      <p className="muted">{t('integrations.hooks.intro')}</p>
      {created && (
        <ShownOnce
          title={t('integrations.hooks.createdSecret', { url: created.url })}
          value={created.secret}
          onDone={() => setCreated(null)}
        />
      )}
      <CreateForm error={error} title={t('integrations.hooks.new')} onSubmit={() => void create()}>
        <label>
          {t('integrations.hooks.url')}
          <input type="url" required placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} />
        </label>
        <fieldset>
          <legend>{t('integrations.hooks.events')}</legend>
          <div className="event-groups">
            <div>
              <strong>{t('integrations.hooks.group.orders')}</strong>
              {eventBoxes(ORDER_EVENTS)}
            </div>
            <div>
              <strong>{t('integrations.hooks.group.routes')}</strong>
              {eventBoxes(ROUTE_EVENTS)}
            </div>
          </div>
        </fieldset>
        <label>
          {t('integrations.hooks.secret')}
          <input value={secret} minLength={16} onChange={(e) => setSecret(e.target.value)} />
          <small className="muted">{t('integrations.hooks.secretHint')}</small>
        </label>
        <button type="submit" className="primary" disabled={!url || events.length === 0}>
          {t('integrations.hooks.create')}
        </button>
      </CreateForm>
      <ListTable
        list={subs}
        label={t('integrations.tab.webhooks')}
        empty={t('integrations.hooks.empty')}
        headers={[
          t('integrations.hooks.url'),
          t('integrations.hooks.events'),
          t('integrations.hooks.status'),
          t('integrations.hooks.pending'),
        ]}
        row={(s) => (
          <Fragment key={s.id}>
            <tr className={s.enabled ? undefined : 'revoked'}>
              <td className="url">
                <code>{s.url}</code>
              </td>
              <td title={s.events.map((e) => webhookEventLabel(t, e)).join(', ')}>
                {t('integrations.hooks.eventCount', { n: s.events.length })}
              </td>
              <td className={s.enabled && !s.failingSince ? 'ok' : 'warn'}>{status(s)}</td>
              <td>{numberFormat(intl).format(s.pending)}</td>
              <td>
                <div className="actions">
                  <button type="button" onClick={() => setOpen(open === s.id ? null : s.id)}>
                    {open === s.id ? t('integrations.hooks.hideDeliveries') : t('integrations.hooks.deliveries')}
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      void run(() =>
                        api(`/webhooks/${s.id}`, {
                          method: 'PATCH',
                          body: JSON.stringify({ enabled: !s.enabled }),
                        }),
                      )
                    }
                  >
                    {s.enabled ? t('integrations.hooks.turnOff') : t('integrations.hooks.turnOn')}
                  </button>
                  <ConfirmButton
                    question={t('integrations.hooks.confirmDelete', { url: s.url })}
                    onConfirmed={() => void run(() => api(`/webhooks/${s.id}`, { method: 'DELETE' }))}
                  >
                    {t('integrations.hooks.delete')}
                  </ConfirmButton>
                </div>
              </td>
            </tr>
            {open === s.id && (
              <tr className="log-row">
                <td colSpan={5}>
                  <DeliveryLog sub={s} onReplayed={subs.reload} />
                </td>
              </tr>
            )}
          </Fragment>
        )}
      />
    </div>
  );
}
