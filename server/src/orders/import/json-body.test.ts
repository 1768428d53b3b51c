import { describe, expect, it } from 'vitest';
import { findDeepCell } from './json-body.ts';

const bytes = (s: string) => Buffer.from(s);

describe('findDeepCell', () => {
  it('names the row and field of the first cell nested past the limit', () => {
    const body = `[{"ref":"A","skills":["a","b"]},{"ref":"B","note":"[[[[","skills":[[[[1]]]]}]`;
    expect(findDeepCell(bytes(body), 8)).toBeNull();
    expect(findDeepCell(bytes(body), 3)).toEqual({ row: 2, field: 'skills' });
  });

  it('reads keys with escapes and ignores brackets inside strings', () => {
    const body = `[{"a":"]]]\\"[[["},{"x":1},{"na\\u006de":{"b":{"c":{}}}}]`;
    expect(findDeepCell(bytes(body), 2)).toEqual({ row: 3, field: 'name' });
  });

  it('measures 200,000 levels without recursion', () => {
    const body = `[{"ref":"A","deep":${'['.repeat(200_000)}${']'.repeat(200_000)}}]`;
    expect(findDeepCell(bytes(body))).toEqual({ row: 1, field: 'deep' });
  });
});
