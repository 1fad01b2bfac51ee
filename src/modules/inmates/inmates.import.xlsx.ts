// Guards against XLSX "bombs": a small zip that inflates to gigabytes. Before exceljs sees a file,
// its zip directory is read without inflating (entry count, declared sizes, ratio), then every entry
// is inflated once into nothing while its bytes are counted, so a directory that lies is caught too.
// Only then does the streaming reader of exceljs read the first sheet, stopping at the row cap.
import yauzl from 'yauzl';
import { AppError } from '../../app/errors.ts';

export interface ImportLimits {
  /** Rows below the heading row. */
  maxRows: number;
  /** Cells in one row of an XLSX sheet. */
  maxCellsPerRow: number;
  /** Total uncompressed size of the XLSX zip's entries. */
  maxUnzippedBytes: number;
  /** Uncompressed to compressed, for entries over 1 MB uncompressed. */
  maxRatio: number;
  /** Entries in the XLSX zip. */
  maxEntries: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxRows: 20_000,
  maxCellsPerRow: 200,
  maxUnzippedBytes: 50 * 1024 * 1024,
  maxRatio: 100,
  maxEntries: 1000,
};

const MB = 1024 * 1024;
const mb = (n: number) => Math.ceil(n / MB);

/** The file is refused: it is too large once unzipped (413, with a message for the file field). */
function tooLarge(limits: ImportLimits, reason: 'size' | 'ratio' | 'entries'): AppError {
  const params = { mb: mb(limits.maxUnzippedBytes), ratio: limits.maxRatio, entries: limits.maxEntries };
  const key = `import.xlsxTooLarge.${reason}` as const;
  return new AppError('inmate_imports.too_large', 413, key, params, [{ field: 'file', key, params }]);
}

function open(content: Buffer, validateEntrySizes: boolean): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(content, { lazyEntries: true, validateEntrySizes }, (err, zip) =>
      err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip),
    ),
  );
}

/** Visits each entry in turn; `visit` resolves before the next entry is read. */
async function eachEntry(zip: yauzl.ZipFile, visit: (entry: yauzl.Entry) => Promise<void>): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      visit(entry).then(
        () => zip.readEntry(),
        (err: unknown) => {
          zip.close();
          reject(err);
        },
      );
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
}

/**
 * Reads the zip's central directory only (nothing is inflated): refuses a file with too many entries,
 * a declared total over the cap, or an entry over 1 MB that inflates more than the ratio allows.
 * Throws the 413 AppError; a file that is not a zip at all throws a plain error.
 */
export async function checkXlsxDirectory(content: Buffer, limits: ImportLimits): Promise<void> {
  const zip = await open(content, true);
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw tooLarge(limits, 'entries');
  }
  let total = 0;
  await eachEntry(zip, async (entry) => {
    total += entry.uncompressedSize;
    if (total > limits.maxUnzippedBytes) throw tooLarge(limits, 'size');
    if (
      entry.uncompressedSize > MB &&
      entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)
    )
      throw tooLarge(limits, 'ratio');
  });
}

/**
 * Inflates every entry into nothing, counting bytes, without keeping them: yauzl stops an entry that
 * inflates past its declared size, and the running total stops at the cap whatever was declared.
 */
export async function checkXlsxInflated(content: Buffer, limits: ImportLimits): Promise<void> {
  const zip = await open(content, true);
  let total = 0;
  await eachEntry(
    zip,
    (entry) =>
      new Promise<void>((resolve, reject) => {
        if (entry.fileName.endsWith('/')) return resolve();
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error('no stream'));
          stream.on('data', (chunk: Buffer) => {
            total += chunk.length;
            if (total > limits.maxUnzippedBytes) {
              stream.destroy();
              reject(tooLarge(limits, 'size'));
            }
          });
          stream.on('error', (e: Error) =>
            // yauzl's own check: more bytes than the directory declared.
            reject(/too many bytes|exceeds declared/i.test(e.message) ? tooLarge(limits, 'size') : e),
          );
          stream.on('end', () => resolve());
        });
      }),
  );
}

/** The import limits from the settings (IMPORT_MAX_ROWS and the IMPORT_XLSX_* ones). */
export function importLimits(config: {
  importMaxRows: number;
  importMaxCellsPerRow: number;
  importXlsxMaxUnzippedMb: number;
  importXlsxMaxRatio: number;
  importXlsxMaxEntries: number;
}): ImportLimits {
  return {
    maxRows: config.importMaxRows,
    maxCellsPerRow: config.importMaxCellsPerRow,
    maxUnzippedBytes: config.importXlsxMaxUnzippedMb * MB,
    maxRatio: config.importXlsxMaxRatio,
    maxEntries: config.importXlsxMaxEntries,
  };
}
