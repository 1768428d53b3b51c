/**
 * Messages with values, in the subset of ICU MessageFormat every catalogue uses:
 *
 * - `{name}`: the value, numbers written as the locale writes them ("1 234,5" in French);
 * - `{n, plural, =0 {…} one {# arrêt} other {# arrêts}}`: the form for `n` (an exact `=N` first,
 *   then the category Intl.PluralRules gives: in French 0 and 1 are "one", in English only 1),
 *   `#` standing for the number; forms may hold placeholders and plurals of their own;
 * - quoting as ICU does it: `''` is one apostrophe, and an apostrophe before `{`, `}` (or `#` in a
 *   form) starts literal text up to the next apostrophe (`'{name}'` prints "{name}"). Any other
 *   apostrophe is itself, so "Aujourd'hui" needs nothing.
 *
 * A value is never read as a template (a customer called "{name}" stays so). A value that is
 * missing (undefined or null) leaves its placeholder as written, `{name}` (a plural's too), so a
 * forgotten value shows on screen and in tests instead of an empty or made-up text. A brace that
 * opens no placeholder (`{"a": 1}`) is text. Nothing throws. No I/O.
 */

export type MessageValue = string | number | null | undefined;
export type MessageValues = Readonly<Record<string, MessageValue>>;

/** The plural forms of one message: `other` always, the rest as the language needs them. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(locale: string, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(n);
}

/** The form the locale's plural rule picks for `count` (French: 0 and 1 are "one"; English: only 1). */
export function selectPlural(locale: string, count: number, forms: PluralForms): string {
  return forms[pluralCategory(locale, count)] ?? forms.other;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A number as `locale` writes it, with at most two decimals. */
function localNumber(locale: string, n: number): string {
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    numberFormats.set(locale, f);
  }
  return f.format(n);
}

interface Context {
  template: string;
  values: MessageValues;
  locale: string | undefined;
}

/** `{name}` or `{name, plural,` at a brace; anything else after a brace is text. */
const ARGUMENT = /\{\s*(\w+)\s*(\}|,\s*plural\s*,)/y;
const SELECTOR = /\s*(=-?\d+(?:\.\d+)?|[a-z]+)\s*\{/y;
const CLOSE = /\s*\}/y;

function written(ctx: Context, v: string | number): string {
  if (typeof v !== 'number') return v;
  return ctx.locale ? localNumber(ctx.locale, v) : String(v);
}

/**
 * Formats from `start` to the end of the template, or, in a plural form (`inForm`), to the brace
 * that closes the form. `hash` is what `#` stands for there. Returns the text and where it stopped
 * (on the closing brace, or at the end).
 */
function run(ctx: Context, start: number, inForm: boolean, hash: string | null): { text: string; end: number } {
  const t = ctx.template;
  let out = '';
  let textBraces = 0; // braces that opened no placeholder: their closing brace is text too
  let i = start;
  while (i < t.length) {
    const c = t[i]!;
    if (c === "'") {
      const next = t[i + 1];
      if (next === "'") {
        out += "'";
        i += 2;
      } else if (next === '{' || next === '}' || (next === '#' && hash !== null)) {
        // Quoted text up to the next lone apostrophe ('' inside is one apostrophe).
        i++;
        while (i < t.length) {
          if (t[i] === "'") {
            if (t[i + 1] === "'") {
              out += "'";
              i += 2;
              continue;
            }
            i++;
            break;
          }
          out += t[i];
          i++;
        }
      } else {
        out += c;
        i++;
      }
    } else if (c === '{') {
      ARGUMENT.lastIndex = i;
      const arg = ARGUMENT.exec(t);
      if (!arg) {
        textBraces++;
        out += c;
        i++;
        continue;
      }
      const name = arg[1]!;
      if (arg[2] === '}') {
        const v = ctx.values[name];
        out += v == null ? `{${name}}` : written(ctx, v);
        i = ARGUMENT.lastIndex;
        continue;
      }
      const plural = pluralArgument(ctx, ARGUMENT.lastIndex, name);
      if (!plural) {
        textBraces++;
        out += c;
        i++;
        continue;
      }
      out += plural.text;
      i = plural.end;
    } else if (c === '}') {
      if (textBraces > 0) {
        textBraces--;
      } else if (inForm) {
        return { text: out, end: i };
      }
      out += c;
      i++;
    } else if (c === '#' && hash !== null) {
      out += hash;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return { text: out, end: i };
}

/** The forms of `{name, plural, …}` from `start` (after "plural,"): the chosen one, and the index after the block. */
function pluralArgument(ctx: Context, start: number, name: string): { text: string; end: number } | null {
  const v = ctx.values[name];
  const n = typeof v === 'number' ? v : v == null || v.trim() === '' ? Number.NaN : Number(v);
  const hash = v == null ? `{${name}}` : Number.isNaN(n) ? String(v) : written(ctx, n);
  const forms = new Map<string, string>();
  let i = start;
  for (;;) {
    CLOSE.lastIndex = i;
    if (CLOSE.exec(ctx.template)) {
      i = CLOSE.lastIndex;
      break;
    }
    SELECTOR.lastIndex = i;
    const selector = SELECTOR.exec(ctx.template);
    if (!selector) return null;
    const form = run(ctx, SELECTOR.lastIndex, true, hash);
    if (form.end >= ctx.template.length) return null; // a form that never closes
    forms.set(selector[1]!, form.text);
    i = form.end + 1;
  }
  if (!forms.has('other')) return null;
  if (v == null) return { text: `{${name}}`, end: i };
  const exact = Number.isNaN(n)
    ? undefined
    : [...forms.keys()].find((k) => k.startsWith('=') && Number(k.slice(1)) === n);
  const category = Number.isNaN(n) ? 'other' : pluralCategory(ctx.locale ?? 'en', n);
  return { text: forms.get(exact ?? category) ?? forms.get('other')!, end: i };
}

/**
 * `template` with its placeholders and plurals filled from `values` (see the top of this file).
 * With a `locale` (a BCP 47 tag: 'fr-FR'), numbers are written as it writes them and plurals follow
 * its rule; without one, numbers are written as they are and plurals follow English.
 */
export function formatMessage(template: string, values: MessageValues = {}, locale?: string): string {
  if (!template.includes('{') && !template.includes("'")) return template;
  return run({ template, values, locale }, 0, false, null).text;
}

/**
 * The text of `key` in a flat catalogue. A key that is not a message but has plural forms
 * (`key.one`, `key.other`, and `key.zero`/`two`/`few`/`many` where a language needs them) takes the
 * form the locale's rule picks for `values.count`. An unknown key answers itself rather than nothing.
 */
export function translate(
  catalogue: Readonly<Record<string, string>>,
  locale: string,
  key: string,
  values: MessageValues = {},
): string {
  let template = catalogue[key];
  if (template === undefined) {
    const other = catalogue[`${key}.other`];
    if (other === undefined) return key;
    template = selectPlural(locale, Number(values.count ?? 0), {
      other,
      zero: catalogue[`${key}.zero`],
      one: catalogue[`${key}.one`],
      two: catalogue[`${key}.two`],
      few: catalogue[`${key}.few`],
      many: catalogue[`${key}.many`],
    });
  }
  return formatMessage(template, values, locale);
}

/** For each message of a catalogue written as functions, the names of its values in argument order. */
export type MessageParams = Readonly<Record<string, readonly string[]>>;
/** A catalogue's messages as functions taking their values in order: `t.stopsCount(3)`. */
export type MessageFunctions<P extends MessageParams> = {
  readonly [K in keyof P]: (...args: MessageArgs<P[K]>) => string;
};
/** One value per name, in order. */
type MessageArgs<Names extends readonly string[]> = { readonly [I in keyof Names]: string | number };

/**
 * Templates turned into functions for catalogues read as `t.pending(n)`: `params` names each
 * message's values in argument order (one list for every language), `templates` holds one
 * language's texts, and `locale` writes their numbers and picks their plurals.
 */
export function messageFunctions<const P extends MessageParams>(
  params: P,
  templates: { readonly [K in keyof P]: string },
  locale: string,
): MessageFunctions<P> {
  const out: Record<string, (...args: readonly (string | number)[]) => string> = {};
  for (const key of Object.keys(params) as (keyof P & string)[]) {
    const names = params[key]!;
    const template = templates[key];
    out[key] = (...args) => formatMessage(template, Object.fromEntries(names.map((n, i) => [n, args[i]])), locale);
  }
  return out as MessageFunctions<P>;
}
