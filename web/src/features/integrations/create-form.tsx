import type { ReactNode } from 'react';

/**
 * The form that adds an integration (an API key, a webhook, a tracker, a shop): named by its
 * title for assistive technology, submitted without a page load, and the last error under it.
 */
export function CreateForm(props: { title: string; error: string | null; onSubmit(): void; children: ReactNode }) {
  return (
    <>
      <form
        className="integrations-form"
        aria-label={props.title}
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        <h2>{props.title}</h2>
        {props.children}
      </form>
      {props.error && (
        <p role="alert" className="error">
          {props.error}
        </p>
      )}
    </>
  );
}
