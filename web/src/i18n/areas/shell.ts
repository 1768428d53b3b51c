/** The app shell's header: the account menu (the rest of the header's words are in the base catalogue). */
export const shellEn = {
  'nav.account': 'Account',
  'nav.signedInAs': 'Signed in as',
} as const;

export const shellFr: Record<keyof typeof shellEn, string> = {
  'nav.account': 'Compte',
  'nav.signedInAs': 'Connecté en tant que',
};
