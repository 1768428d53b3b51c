import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

/** The loading and error states every screen shows the same way. */
export function AsyncState(props: {
  loading: boolean;
  error: Error | null;
  onRetry?: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  if (props.error) {
    return (
      <div role="alert" className="error">
        <p>{t('common.error', { message: props.error.message })}</p>
        {props.onRetry && (
          <button type="button" onClick={props.onRetry}>
            {t('common.retry')}
          </button>
        )}
      </div>
    );
  }
  if (props.loading) {
    return (
      <p aria-busy="true" className="loading">
        {t('common.loading')}
      </p>
    );
  }
  return <>{props.children}</>;
}
