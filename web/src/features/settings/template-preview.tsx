import { NOTIFY_TRIGGERS, type NotifyTrigger, type TemplatePreview as Preview } from '@tournee/shared';
import { useState } from 'react';
import { query } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { AsyncState } from '../layout/async-state.tsx';

/**
 * One trigger's SMS and email as a customer would read them, rendered by the server for a sample
 * order in the organisation's language (what customers get, whatever the dispatcher's UI language).
 */
export function TemplatePreview(props: {
  triggers: Record<NotifyTrigger, boolean>;
  channels: { sms: boolean; email: boolean };
}) {
  const { t } = useI18n();
  const [trigger, setTrigger] = useState<NotifyTrigger>('published');
  const preview = useApi<{ items: Preview[] }>(`/notifications/preview${query({ trigger })}`);
  const item = preview.data?.items[0];
  const off = !props.triggers[trigger];
  return (
    <section className="template-preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('settings.preview.title')}</h2>
      <label>
        {t('settings.preview.trigger')}
        <select value={trigger} onChange={(e) => setTrigger(e.target.value as NotifyTrigger)}>
          {NOTIFY_TRIGGERS.map((k) => (
            <option key={k} value={k}>
              {t(`settings.trigger.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {off && <p className="notice">{t('settings.preview.off')}</p>}
      <AsyncState loading={preview.loading} error={preview.error} onRetry={preview.reload}>
        {item && (
          <div className={off ? 'preview-messages off' : 'preview-messages'}>
            <h3>
              {t('settings.channel.sms')}
              {!props.channels.sms && ` — ${t('settings.preview.channelOff')}`}
            </h3>
            <p className="sms-bubble" data-testid="preview-sms">
              {item.sms}
            </p>
            <h3>
              {t('settings.channel.email')}
              {!props.channels.email && ` — ${t('settings.preview.channelOff')}`}
            </h3>
            <div className="email-preview">
              <p>
                <strong>{t('settings.preview.subject')}</strong> {item.subject}
              </p>
              <pre data-testid="preview-email">{item.text}</pre>
            </div>
            <p className="hint">{t('settings.preview.sample', { locale: item.locale })}</p>
          </div>
        )}
      </AsyncState>
    </section>
  );
}
