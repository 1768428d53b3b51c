import type { Organisation } from '@tournee/shared';
import type { ReactNode } from 'react';
import { api } from '../../api/client.ts';
import { SaveBar } from './setting-field.tsx';
import type { useSave } from './use-save.ts';

/** What a form of the organisation's settings is given by the page: the settings, and where the saved ones go. */
export interface OrganisationFormProps {
  org: Organisation;
  onSaved(o: Organisation): void;
}

/** Saves a part of the organisation's settings (`{ alerts }`, `{ workingTime }`, …); resolves with all of them. */
export function patchOrganisation(change: object): Promise<Organisation> {
  return api<Organisation>('/organisation', { method: 'PATCH', body: JSON.stringify(change) });
}

/**
 * One form of the Settings screen, named by its title, with its Save bar last. `noValidate`: the
 * server checks the values and its messages go under the fields, in the user's language. Any
 * change takes "Saved" away, so it never stands beside values that were not sent.
 */
export function SettingsForm(props: {
  label: string;
  /** The form's `useSave()`. */
  save: ReturnType<typeof useSave>;
  /** Called on Save, the page's reload already prevented. */
  onSubmit(): Promise<unknown>;
  children: ReactNode;
}) {
  const { save } = props;
  return (
    <form
      className="settings-form"
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSubmit();
      }}
      onChange={save.touched}
      noValidate
    >
      {props.children}
      <SaveBar busy={save.busy} saved={save.saved} error={save.errors.general} />
    </form>
  );
}
