/** The two forms a stop action may need: proof of delivery, and the reason of a failure. */
import { FAIL_REASONS, type ProofKind } from '@tournee/shared';
import { useState } from 'react';
import { useI18n } from '../i18n.ts';
import { resizePhoto } from '../lib/images.ts';
import { codeText, isCodeTyped, missingProof, requiredProofText } from './required-proof.ts';
import './required-proof.css';
import { SignaturePad } from './signature-pad.tsx';

export interface Proof {
  photo: string | null;
  signature: string | null;
  recipientName: string;
  note: string;
  /** The delivery code the customer gave, when the stop requires one. */
  deliveryCode?: string;
}

export function ProofDialog({
  title,
  heading,
  required,
  requireCode,
  onConfirm,
  onCancel,
}: {
  title: string;
  /** The dialog's heading. @default t.proofTitle */
  heading?: string;
  /** Proof the order requires: confirming waits for it. */
  required?: ProofKind[];
  /** The customer's delivery code must be typed. */
  requireCode?: boolean;
  onConfirm(p: Proof): void;
  onCancel(): void;
}) {
  const { t, locale } = useI18n();
  const [photo, setPhoto] = useState<string | null>(null);
  const [signature, setSignature] = useState<string | null>(null);
  const [recipientName, setRecipient] = useState('');
  const [note, setNote] = useState('');
  const missing = missingProof(required, { photo, signature });
  const [code, setCode] = useState('');
  const codeMissing = !!requireCode && !isCodeTyped(code);
  return (
    <div className="dialog" role="dialog" aria-label={heading ?? t.proofTitle}>
      <h2>{heading ?? t.proofTitle}</h2>
      <p className="muted">{title}</p>
      {missing.length > 0 && (
        <p className="error" role="alert">
          {requiredProofText(locale, missing)}
        </p>
      )}
      {codeMissing && (
        <p className="error" role="alert">
          {codeText(locale).required}
        </p>
      )}
      {requireCode && (
        <label>
          {codeText(locale).label}
          <input
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            name="delivery-code"
          />
        </label>
      )}
      <label>
        {t.photo}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            setPhoto(f ? await resizePhoto(f) : null);
          }}
        />
      </label>
      {photo && <img className="preview" src={photo} alt={t.photo} />}
      <span className="label">{t.signature}</span>
      <SignaturePad onChange={setSignature} />
      <label>
        {t.recipient}
        <input value={recipientName} onChange={(e) => setRecipient(e.target.value)} autoComplete="off" />
      </label>
      <label>
        {t.note}
        <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      </label>
      <div className="row">
        <button type="button" onClick={onCancel}>
          {t.cancel}
        </button>
        <button
          type="button"
          className="primary"
          disabled={missing.length > 0 || codeMissing}
          onClick={() =>
            onConfirm({ photo, signature, recipientName, note, ...(requireCode ? { deliveryCode: code.trim() } : {}) })
          }
        >
          {t.confirm}
        </button>
      </div>
    </div>
  );
}

export function FailDialog({
  title,
  onConfirm,
  onCancel,
}: {
  title: string;
  onConfirm(reason: string, note: string): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState<string>(FAIL_REASONS[0]);
  const [note, setNote] = useState('');
  return (
    <div className="dialog" role="dialog" aria-label={t.failTitle}>
      <h2>{t.failTitle}</h2>
      <p className="muted">{title}</p>
      <label>
        {t.reason}
        <select value={reason} onChange={(e) => setReason(e.target.value)}>
          {FAIL_REASONS.map((r) => (
            <option key={r} value={r}>
              {t.reasons[r]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.note}
        <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} />
      </label>
      <div className="row">
        <button type="button" onClick={onCancel}>
          {t.cancel}
        </button>
        <button type="button" className="primary" onClick={() => onConfirm(reason, note)}>
          {t.confirm}
        </button>
      </div>
    </div>
  );
}
