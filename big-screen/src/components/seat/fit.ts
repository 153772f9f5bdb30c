/** Biggest seat tiles that fit n seats into a box: column count, tile number font size, used width. */
export interface SeatFit {
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
  fontPx: number;
  gridWidth: number;
}

export function fitSeatGrid(n: number, width: number, height: number, aspect = 1.25, gap = 10): SeatFit {
  let best: SeatFit | null = null;
  const count = Math.max(1, n);
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    let tileWidth = (width - gap * (columns - 1)) / columns;
    let tileHeight = tileWidth / aspect;
    const needed = rows * tileHeight + gap * (rows - 1);
    if (needed > height) {
      tileHeight = (height - gap * (rows - 1)) / rows;
      tileWidth = tileHeight * aspect;
    }
    if (tileWidth <= 0 || tileHeight <= 0) continue;
    if (!best || tileWidth > best.tileWidth) {
      best = {
        columns,
        rows,
        tileWidth,
        tileHeight,
        fontPx: Math.floor(tileHeight * 0.46),
        gridWidth: Math.ceil(columns * tileWidth + gap * (columns - 1)),
      };
    }
  }
  return best as SeatFit;
}
