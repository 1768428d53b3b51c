/**
 * Counts, in the XML of an XLSX part as it inflates, what exceljs would build in memory from
 * it: shared strings (`<si>`) and their characters, the characters of one cell (or one shared
 * string), and the cells of one row. Not a parser: it only tells tags from text, which is all
 * the counting needs (text in comments or CDATA is counted too, an upper bound).
 */

/** A spreadsheet cell holds at most 32,767 characters; one holding far more is a bomb, not data. */
export const MAX_CELL_CHARS = 1024 * 1024;
/** The most cells a row of a sheet can have (columns A to XFD). */
export const MAX_ROW_CELLS = 16_384;

export type XmlLimit = 'sharedStrings' | 'sharedStringChars' | 'cellChars' | 'rowCells';

const LT = 0x3c;
const GT = 0x3e;

/** A tag name ends at white space, `/` or `>`. */
const endsName = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x2f || b === GT;

export class XmlCounter {
  private inTag = false;
  /** The first bytes of the current tag's name (enough to tell `si`, `c` and `row`), while reading it. */
  private name = '';
  private naming = false;
  private strings = 0;
  private chars = 0;
  private cellChars = 0;
  private rowCells = 0;

  constructor(
    private readonly kind: 'sharedStrings' | 'sheet',
    private readonly limits: { maxSharedStrings: number; maxSharedStringChars: number },
  ) {}

  /** Counts one chunk; returns the limit passed, if any. */
  scan(buf: Buffer): { limit: XmlLimit; max: number } | null {
    const len = buf.length;
    let i = 0;
    while (i < len) {
      if (this.inTag) {
        while (this.naming && i < len) {
          const b = buf[i]!;
          if (endsName(b)) {
            this.naming = false;
            const over = this.openTag();
            if (over) return over;
          } else {
            if (this.name.length < 4) this.name += String.fromCharCode(b);
            i++;
          }
        }
        const gt = buf.indexOf(GT, i);
        if (gt < 0) return null;
        this.inTag = false;
        i = gt + 1;
      } else {
        const lt = buf.indexOf(LT, i);
        const end = lt < 0 ? len : lt;
        if (end > i) {
          // Characters, not bytes: UTF-8 continuation bytes (10xxxxxx) do not start one. A cell's
          // count leaves out white space, which pretty-printed XML puts between elements.
          let n = 0;
          let visible = 0;
          for (let k = i; k < end; k++) {
            const b = buf[k]!;
            if ((b & 0xc0) !== 0x80) {
              n++;
              if (b > 0x20) visible++;
            }
          }
          this.cellChars += visible;
          if (this.cellChars > MAX_CELL_CHARS) return { limit: 'cellChars', max: MAX_CELL_CHARS };
          if (this.kind === 'sharedStrings') {
            this.chars += n;
            if (this.chars > this.limits.maxSharedStringChars) {
              return { limit: 'sharedStringChars', max: this.limits.maxSharedStringChars };
            }
          }
        }
        if (lt < 0) return null;
        this.inTag = true;
        this.naming = true;
        this.name = '';
        i = lt + 1;
      }
    }
    return null;
  }

  private openTag(): { limit: XmlLimit; max: number } | null {
    const name = this.name;
    if (this.kind === 'sharedStrings') {
      if (name === 'si') {
        this.cellChars = 0;
        if (++this.strings > this.limits.maxSharedStrings) {
          return { limit: 'sharedStrings', max: this.limits.maxSharedStrings };
        }
      }
    } else if (name === 'c') {
      this.cellChars = 0;
      if (++this.rowCells > MAX_ROW_CELLS) return { limit: 'rowCells', max: MAX_ROW_CELLS };
    } else if (name === 'row') {
      this.rowCells = 0;
    }
    return null;
  }
}
