import { compileString } from 'assemblyscript/asc';
import { describe, expect, it } from 'vitest';

/** Compiles `source` unoptimised (only AssemblyScript's own inlining runs) with our transform. */
async function compile(source: string) {
  const result = await compileString(source, {
    optimizeLevel: 0,
    runtime: 'stub',
    transform: new URL('../transforms/inline-comments.mjs', import.meta.url).pathname,
  });
  return { text: result.text ?? '', error: result.error, stderr: result.stderr.toString() };
}

const CALLS_TWICE = `
export function f(x: i32): i32 { return twice(x) + 1; }
`;

describe('the // @inline comment (assembly/ stays parseable by Biome)', () => {
  it('inlines the function it precedes, as the @inline decorator does', async () => {
    const marked = await compile(
      `/** Doubles x. */\n// @inline\nfunction twice(x: i32): i32 { return x * 2; }${CALLS_TWICE}`,
    );
    expect(marked.error).toBeNull();
    expect(marked.text).not.toMatch(/\(func \$\S*twice/);
    expect(marked.text).not.toMatch(/call \$\S*twice/);
  });

  it('leaves an unmarked function alone', async () => {
    const plain = await compile(
      `// inline is not the marker\nfunction twice(x: i32): i32 { return x * 2; }${CALLS_TWICE}`,
    );
    expect(plain.error).toBeNull();
    expect(plain.text).toMatch(/call \$\S*twice/);
  });

  it('refuses a marker before anything but a function', async () => {
    const wrong = await compile(
      `// @inline\nconst two: i32 = 2;${CALLS_TWICE}function twice(x: i32): i32 { return x * two; }`,
    );
    expect(`${wrong.error?.message} ${wrong.stderr}`).toMatch(/"\/\/ @inline" must precede a function declaration/);
  });
});
