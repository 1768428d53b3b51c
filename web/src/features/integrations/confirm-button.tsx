import type { ReactNode } from 'react';

/** A link-styled button for a change that cannot be undone (revoke, disconnect, delete): it asks first. */
export function ConfirmButton(props: { question: string; onConfirmed(): void; children: ReactNode }) {
  return (
    <button
      type="button"
      className="link"
      onClick={() => {
        if (confirm(props.question)) props.onConfirmed();
      }}
    >
      {props.children}
    </button>
  );
}
