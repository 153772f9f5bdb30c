/**
 * Question media uploaded by the organizers: the type is read from the bytes (never from the
 * file name or the browser's word), each kind has a size limit, and the file is stored once under
 * the data directory by its SHA-256 (a second upload of the same file is the same URL).
 * SVG is refused: it can carry scripts, and these files are served from the app's own origin.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Media } from '@cv/shared/protocol';
import { WorkspaceError } from './context.ts';

interface Kind {
  ext: string;
  mime: string;
  type: Media['type'];
  sniff: (b: Buffer) => boolean;
}

const ascii = (b: Buffer, at: number, s: string) => b.subarray(at, at + s.length).toString('latin1') === s;

export const MEDIA_KINDS: readonly Kind[] = [
  { ext: 'png', mime: 'image/png', type: 'image', sniff: (b) => ascii(b, 0, '\x89PNG\r\n\x1a\n') },
  {
    ext: 'jpg',
    mime: 'image/jpeg',
    type: 'image',
    sniff: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  {
    ext: 'gif',
    mime: 'image/gif',
    type: 'image',
    sniff: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a'),
  },
  {
    ext: 'webp',
    mime: 'image/webp',
    type: 'image',
    sniff: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP'),
  },
  {
    ext: 'mp3',
    mime: 'audio/mpeg',
    type: 'audio',
    sniff: (b) => ascii(b, 0, 'ID3') || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0),
  },
  { ext: 'ogg', mime: 'audio/ogg', type: 'audio', sniff: (b) => ascii(b, 0, 'OggS') },
  { ext: 'wav', mime: 'audio/wav', type: 'audio', sniff: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE') },
  { ext: 'm4a', mime: 'audio/mp4', type: 'audio', sniff: (b) => ascii(b, 4, 'ftypM4A') },
  { ext: 'mp4', mime: 'video/mp4', type: 'video', sniff: (b) => ascii(b, 4, 'ftyp') },
  {
    ext: 'webm',
    mime: 'video/webm',
    type: 'video',
    sniff: (b) => b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3,
  },
];

export const MEDIA_LIMITS: Record<Media['type'], number> = {
  image: 5 * 1024 * 1024,
  audio: 20 * 1024 * 1024,
  video: 100 * 1024 * 1024,
};
export const MAX_MEDIA_BYTES = Math.max(...Object.values(MEDIA_LIMITS));
export const UPLOADS_PREFIX = '/uploads/';
export const UPLOAD_NAME = /^[0-9a-f]{64}\.(png|jpg|gif|webp|mp3|ogg|wav|m4a|mp4|webm)$/;

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

export class MediaStore {
  constructor(readonly dir: string) {}

  async save(data: Buffer): Promise<{ media: Media; sha256: string; bytes: number; mime: string }> {
    const kind = MEDIA_KINDS.find((k) => k.sniff(data));
    if (!kind)
      throw new WorkspaceError(
        'UNSUPPORTED_MEDIA',
        'Chỉ nhận ảnh PNG, JPEG, GIF, WebP; âm thanh MP3, OGG, WAV, M4A; video MP4, WebM.',
      );
    if (data.length > MEDIA_LIMITS[kind.type])
      throw new WorkspaceError(
        'TOO_LARGE',
        `Tệp ${kind.ext.toUpperCase()} ${mb(data.length)}; tối đa ${mb(MEDIA_LIMITS[kind.type])}.`,
      );
    const sha256 = createHash('sha256').update(data).digest('hex');
    const name = `${sha256}.${kind.ext}`;
    const path = join(this.dir, name);
    if (!existsSync(path)) {
      await mkdir(this.dir, { recursive: true });
      // write aside, then rename: a reader never sees half a file
      const temp = `${path}.${process.pid}.tmp`;
      await writeFile(temp, data);
      await rename(temp, path);
    }
    return {
      media: { type: kind.type, url: `${UPLOADS_PREFIX}${name}` },
      sha256,
      bytes: data.length,
      mime: kind.mime,
    };
  }

  pathOf(name: string): { path: string; mime: string } | null {
    const match = UPLOAD_NAME.exec(name);
    if (!match) return null;
    const kind = MEDIA_KINDS.find((k) => k.ext === match[1])!;
    const path = join(this.dir, name);
    return existsSync(path) ? { path, mime: kind.mime } : null;
  }
}
