/**
 * Giấy chứng nhận: one A4 landscape page per prize winner, with the contest's title, the prize,
 * place and date, in Noto Serif embedded (subset) so every Vietnamese diacritic prints and stays
 * searchable. Text is recomposed to NFC first: a name typed decomposed still prints as one glyph.
 */
import type { ContestSettings } from '@cv/shared/protocol';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { vietnamDateParts } from './vietnam-time.ts';

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf'),
  italic: require.resolve('@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf'),
};

export interface CertificateEntry {
  /** printed as "Số: 01/GCN-BTC" */
  number: number;
  name: string;
  unit?: string;
  prize: string;
  seat: number;
}

export interface CertificateInput {
  settings: ContestSettings;
  showTitle: string;
  issuedAt: number;
  entries: CertificateEntry[];
}

const RED = '#b3141b';
const GOLD = '#b8860b';
const INK = '#1d1d1f';
const nfc = (s: string) => s.normalize('NFC');

export function certificatesPdf(input: CertificateInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    autoFirstPage: false,
    info: {
      Title: 'Giấy chứng nhận',
      Author: nfc(input.settings.organizer),
      Subject: nfc(input.showTitle),
      Creator: 'Chuông Vàng',
    },
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('italic', FONTS.italic);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const entry of input.entries) page(doc, input, entry);
  doc.end();
  return done;
}

function page(doc: PDFKit.PDFDocument, input: CertificateInput, entry: CertificateEntry): void {
  doc.addPage();
  const W = doc.page.width;
  const H = doc.page.height;
  // double frame
  doc
    .lineWidth(6)
    .strokeColor(RED)
    .rect(22, 22, W - 44, H - 44)
    .stroke();
  doc
    .lineWidth(1.5)
    .strokeColor(GOLD)
    .rect(34, 34, W - 68, H - 68)
    .stroke();

  const box = { x: 70, width: W - 140 };
  const centered = (text: string, font: string, size: number, color = INK, gap = 6) => {
    doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(nfc(text), box.x, doc.y, { width: box.width, align: 'center' });
    doc.moveDown(gap / size);
  };

  doc.y = 58;
  centered('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'bold', 12, INK, 0);
  centered('Độc lập - Tự do - Hạnh phúc', 'bold', 12, INK, 0);
  const lineY = doc.y + 5;
  doc
    .lineWidth(0.8)
    .strokeColor(INK)
    .moveTo(W / 2 - 75, lineY)
    .lineTo(W / 2 + 75, lineY)
    .stroke();
  doc.y = lineY + 22;

  centered(input.settings.organizer.toUpperCase(), 'bold', 13, INK, 6);
  centered('GIẤY CHỨNG NHẬN', 'bold', 40, RED, 8);
  centered(`Ban Tổ chức ${input.settings.contestTitle}`, 'italic', 13, INK, 18);
  centered('Chứng nhận', 'regular', 14, INK, 4);
  centered(entry.name, 'bold', 32, RED, 6);
  if (entry.unit) centered(`Đơn vị: ${entry.unit}`, 'regular', 14, INK, 14);
  const achievement =
    entry.prize === 'Rung chuông vàng'
      ? 'Đã xuất sắc RUNG CHUÔNG VÀNG'
      : `Đã đạt ${entry.prize.toUpperCase()}`;
  centered(achievement, 'bold', 22, INK, 6);
  centered(`tại ${input.showTitle}`, 'italic', 13, INK, 0);

  // place, date and signature block, bottom right; the number bottom left
  const { day, month, year } = vietnamDateParts(input.issuedAt);
  const right = { x: W / 2 + 40, width: W / 2 - 110 };
  const signY = Math.max(doc.y + 14, H - 150);
  doc
    .font('italic')
    .fontSize(13)
    .fillColor(INK)
    .text(nfc(`${input.settings.place}, ngày ${day} tháng ${month} năm ${year}`), right.x, signY, {
      width: right.width,
      align: 'center',
    });
  doc
    .font('bold')
    .fontSize(13)
    .text(nfc(input.settings.signerTitle.toUpperCase()), right.x, doc.y + 4, {
      width: right.width,
      align: 'center',
    });
  if (input.settings.signerName)
    doc
      .font('bold')
      .fontSize(13)
      .text(nfc(input.settings.signerName), right.x, H - 72, { width: right.width, align: 'center' });
  doc
    .font('regular')
    .fontSize(11)
    .fillColor(INK)
    .text(nfc(`Số: ${String(entry.number).padStart(2, '0')}/GCN-BTC — ghế ${entry.seat}`), 70, H - 72, {
      width: W / 2 - 110,
    });
}
