import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { AppError } from '../../contract/errors';

// The package's bytes (docs/exchange.md): a fixed header, then the body, AES-256-GCM of a gzipped
// JSON document, then GCM's 16-byte tag. The header is the cipher's additional data, so a changed
// header fails the tag just as a changed body does.

export const MAGIC = Buffer.from('GLXCHG\r\n', 'latin1');
/** 2: indicator values, their imports and deletions beside the records (docs/exchange.md). */
export const FORMAT_VERSION = 2;
const HEADER_BYTES = MAGIC.length + 1 + 2 + 1 + 1 + 1 + 16 + 12 + 8;
const TAG_BYTES = 16;

/** scrypt's cost: 2^15 with r = 8 takes 32 MiB and a tenth of a second, once per package. */
const SCRYPT = { log2N: 15, r: 8, p: 1 };
/** What a package may ask for, so a crafted header cannot make the reader spend gigabytes. */
const MAX_LOG2N = 20;
const MAX_R = 16;
const MAX_P = 4;
/** A package file may be at most this large: it is read whole before it is checked. */
export const MAX_PACKAGE_BYTES = 512 * 1024 * 1024;
/** A package body may expand to at most this much JSON. */
const MAX_JSON_BYTES = 512 * 1024 * 1024;

export interface PackageHeader {
  formatVersion: number;
  schemaVersion: number;
  log2N: number;
  r: number;
  p: number;
  salt: Buffer;
  iv: Buffer;
  bodyBytes: number;
}

function key(passphrase: string, header: PackageHeader): Buffer {
  const N = 2 ** header.log2N;
  return scryptSync(passphrase.normalize('NFC'), header.salt, 32, { N, r: header.r, p: header.p, maxmem: 256 * N * header.r * header.p });
}

function headerBytes(header: PackageHeader): Buffer {
  const out = Buffer.alloc(HEADER_BYTES);
  let at = MAGIC.copy(out, 0);
  at = out.writeUInt8(header.formatVersion, at);
  at = out.writeUInt16BE(header.schemaVersion, at);
  at = out.writeUInt8(header.log2N, at);
  at = out.writeUInt8(header.r, at);
  at = out.writeUInt8(header.p, at);
  at += header.salt.copy(out, at);
  at += header.iv.copy(out, at);
  out.writeBigUInt64BE(BigInt(header.bodyBytes), at);
  return out;
}

/** Encrypts a document for a package of this schema version. */
export function sealPackage(document: unknown, schemaVersion: number, passphrase: string): Buffer {
  const plain = gzipSync(Buffer.from(JSON.stringify(document), 'utf8'));
  const header: PackageHeader = { formatVersion: FORMAT_VERSION, schemaVersion, ...SCRYPT, salt: randomBytes(16), iv: randomBytes(12), bodyBytes: plain.length };
  const head = headerBytes(header);
  const cipher = createCipheriv('aes-256-gcm', key(passphrase, header), header.iv);
  cipher.setAAD(head);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([head, body, cipher.getAuthTag()]);
}

const invalid = (reason: 'not_a_package' | 'truncated' | 'too_large', message: string) => new AppError('EXCHANGE_INVALID', message, { reason });

/** Reads the header, refusing a file that is no package, one cut short, or one from a newer Grantlens. */
export function readHeader(bytes: Buffer, knownSchemaVersion: number): PackageHeader {
  if (bytes.length < MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw invalid('not_a_package', 'The file is not a Grantlens exchange package.');
  }
  if (bytes.length < HEADER_BYTES) throw invalid('truncated', 'The exchange package is cut short.');
  let at = MAGIC.length;
  const formatVersion = bytes.readUInt8(at++);
  const schemaVersion = bytes.readUInt16BE(at);
  at += 2;
  if (formatVersion > FORMAT_VERSION) {
    throw new AppError('EXCHANGE_NEWER', `The package is in format ${formatVersion}; this Grantlens reads up to ${FORMAT_VERSION}.`, { version: formatVersion, knownVersion: FORMAT_VERSION });
  }
  if (schemaVersion > knownSchemaVersion) {
    throw new AppError('EXCHANGE_NEWER', `The package is from schema ${schemaVersion}; this Grantlens knows up to ${knownSchemaVersion}.`, { version: schemaVersion, knownVersion: knownSchemaVersion });
  }
  const log2N = bytes.readUInt8(at++);
  const r = bytes.readUInt8(at++);
  const p = bytes.readUInt8(at++);
  if (formatVersion < 1 || log2N < 10 || log2N > MAX_LOG2N || r < 1 || r > MAX_R || p < 1 || p > MAX_P) {
    throw invalid('not_a_package', 'The exchange package header is not one Grantlens writes.');
  }
  const salt = Buffer.from(bytes.subarray(at, at + 16));
  at += 16;
  const iv = Buffer.from(bytes.subarray(at, at + 12));
  at += 12;
  const bodyBytes = Number(bytes.readBigUInt64BE(at));
  if (bytes.length < HEADER_BYTES + bodyBytes + TAG_BYTES) throw invalid('truncated', 'The exchange package is cut short.');
  if (bytes.length > HEADER_BYTES + bodyBytes + TAG_BYTES) throw invalid('not_a_package', 'The exchange package has bytes after its end.');
  return { formatVersion, schemaVersion, log2N, r, p, salt, iv, bodyBytes };
}

/** Refuses a file too large to be a package before it is read into memory. */
export function checkPackageSize(bytes: number): void {
  if (bytes > MAX_PACKAGE_BYTES) throw invalid('too_large', `The file is larger than an exchange package may be (${MAX_PACKAGE_BYTES} bytes).`);
}

/** Decrypts and parses a package; a wrong passphrase and an altered byte are the same refusal. */
export function openPackage(bytes: Buffer, passphrase: string, knownSchemaVersion: number): { header: PackageHeader; document: unknown } {
  const header = readHeader(bytes, knownSchemaVersion);
  const decipher = createDecipheriv('aes-256-gcm', key(passphrase, header), header.iv);
  decipher.setAAD(bytes.subarray(0, HEADER_BYTES));
  decipher.setAuthTag(bytes.subarray(HEADER_BYTES + header.bodyBytes));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES, HEADER_BYTES + header.bodyBytes)), decipher.final()]);
  } catch {
    throw new AppError('EXCHANGE_REFUSED', 'The package does not open with this passphrase: the passphrase is wrong or the package was altered.');
  }
  // Authenticated, so written by Grantlens with this passphrase; still bounded, as any input.
  const json = gunzipSync(plain, { maxOutputLength: MAX_JSON_BYTES }).toString('utf8');
  return { header, document: JSON.parse(json) as unknown };
}
