// @ts-check
/**
 * An AssemblyScript transform (`asc --transform`): a top-level function whose declaration is
 * preceded by the line comment `// @inline` gets AssemblyScript's `@inline` decorator.
 *
 * Why: TypeScript tools (Biome among them) cannot parse decorators on functions
 * (AssemblyScript/assemblyscript#1738), so `solver/assembly` could not be formatted while it used
 * them; and dropping them costs ~30 % of the search's speed (Binaryen alone inlines less).
 */
import { Node, NodeKind } from 'assemblyscript';
import { Transform } from 'assemblyscript/transform';

/** `// @inline` as the last line of the text between the previous statement and this one. */
const MARKER = /(^|\n)[ \t]*\/\/ @inline[ \t]*\n\s*$/;

export default class InlineComments extends Transform {
  /** @param {import('assemblyscript').Parser} parser */
  afterParse(parser) {
    for (const source of parser.sources) {
      if (source.internalPath.startsWith('~lib/')) continue;
      let end = 0;
      for (const statement of source.statements) {
        const gap = source.text.slice(end, statement.range.start);
        end = statement.range.end;
        if (!MARKER.test(gap)) continue;
        if (statement.kind !== NodeKind.FunctionDeclaration) {
          throw new Error(`${source.normalizedPath}: "// @inline" must precede a function declaration`);
        }
        const fn = /** @type {import('assemblyscript').FunctionDeclaration} */ (statement);
        const inline = Node.createDecorator(Node.createIdentifierExpression('inline', fn.range), null, fn.range);
        fn.decorators = [...(fn.decorators ?? []), inline];
      }
    }
  }
}
