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

export type XmlLimit = 'sharedStrings' | 'sharedStringChars' | 'cellChars' | 'rowCells' | 'nul';

/** What the counter stopped at: the limit, its value, and for a NUL the cell it is in (e.g. `B3`) when known. */
export interface XmlStop {
  limit: XmlLimit;
  max: number;
  cell?: string;
}

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
  /** Where the current tag, and the last cell's tag, start (for naming the cell of a NUL). */
  private tagBuf: Buffer | null = null;
  private tagAt = 0;
  private cellBuf: Buffer | null = null;
  private cellAt = 0;

  constructor(
    private readonly kind: 'sharedStrings' | 'sheet',
    private readonly limits: { maxSharedStrings: number; maxSharedStringChars: number },
  ) {}

  /** Counts one chunk; returns the limit passed, if any. */
  scan(buf: Buffer): XmlStop | null {
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
              // XML cannot hold NUL (exceljs would fail on it): say where it is, as a cell.
              else if (b === 0) return { limit: 'nul', max: 0, cell: this.cellRef() };
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
        this.tagBuf = buf;
        this.tagAt = lt;
        i = lt + 1;
      }
    }
    return null;
  }

  /** The `r` attribute (e.g. `B3`) of the last cell's tag, when the tag is whole in its chunk. */
  private cellRef(): string | undefined {
    if (this.kind !== 'sheet' || !this.cellBuf) return undefined;
    const tag = this.cellBuf.subarray(this.cellAt, this.cellAt + 200).toString('latin1');
    return /^<c\s[^>]*?\br="([A-Z]{1,3}\d{1,7})"/.exec(tag)?.[1];
  }

  private openTag(): XmlStop | null {
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
      this.cellBuf = this.tagBuf;
      this.cellAt = this.tagAt;
      if (++this.rowCells > MAX_ROW_CELLS) return { limit: 'rowCells', max: MAX_ROW_CELLS };
    } else if (name === 'row') {
      this.rowCells = 0;
    }
    return null;
  }
}
