/**
 * Bitmaps of painted resting shapes, remembered for a few drawings: going back to a frame (or to a
 * zoom) shown a moment ago shows its bitmap again instead of painting 3,000 shapes anew, which is
 * what the frame-switch figure of bench/editor_render measures. Bounded by a total pixel budget,
 * least recently used first out; the bitmap in use is never dropped.
 */
import type { ImageBox } from "../engine/geometry/coords";
import { sameDrawing } from "./restingShapesPlan";
import { paintShapes, type PaintContext, type PaintedShape, type PaintStyle } from "./shapePainter";

export interface BitmapRequest {
  readonly drawn: readonly PaintedShape[];
  readonly style: PaintStyle;
  /** Device pixels per image pixel. */
  readonly pixelRatio: number;
  /** The image-space area the bitmap covers (the image and a margin for borders on its edge). */
  readonly area: ImageBox;
}

export type BitmapContext = PaintContext & Pick<CanvasRenderingContext2D, "setTransform">;

/** Makes a blank bitmap of this many device pixels (a <canvas> in the browser). */
export type BitmapFactory<Bitmap> = (width: number, height: number) => { bitmap: Bitmap; context: BitmapContext };

interface Entry<Bitmap> {
  readonly request: BitmapRequest;
  readonly bitmap: Bitmap;
  readonly pixels: number;
}

export class RestingBitmaps<Bitmap> {
  private entries: Entry<Bitmap>[] = [];

  constructor(
    private readonly create: BitmapFactory<Bitmap>,
    private readonly pixelBudget: number,
  ) {}

  /** The bitmap of this drawing: a remembered one, or a newly painted one. */
  obtain(request: BitmapRequest): Bitmap {
    const index = this.entries.findIndex((entry) => sameRequest(entry.request, request));
    if (index >= 0) {
      const [entry] = this.entries.splice(index, 1);
      this.entries.push(entry!);
      return entry!.bitmap;
    }
    const entry = this.paint(request);
    this.entries.push(entry);
    this.evict();
    return entry.bitmap;
  }

  /** How many bitmaps are remembered (for tests and the benchmark's curiosity). */
  get size(): number {
    return this.entries.length;
  }

  private paint(request: BitmapRequest): Entry<Bitmap> {
    const { area, pixelRatio } = request;
    const width = Math.max(1, Math.ceil((area.xbr - area.xtl) * pixelRatio));
    const height = Math.max(1, Math.ceil((area.ybr - area.ytl) * pixelRatio));
    const { bitmap, context } = this.create(width, height);
    context.setTransform(pixelRatio, 0, 0, pixelRatio, -area.xtl * pixelRatio, -area.ytl * pixelRatio);
    paintShapes(context, request.drawn, request.style);
    return { request, bitmap, pixels: width * height };
  }

  private evict(): void {
    let total = this.entries.reduce((sum, entry) => sum + entry.pixels, 0);
    while (this.entries.length > 1 && total > this.pixelBudget) {
      total -= this.entries.shift()!.pixels;
    }
  }
}

function sameRequest(a: BitmapRequest, b: BitmapRequest): boolean {
  return (
    a.pixelRatio === b.pixelRatio &&
    a.style.strokeScale === b.style.strokeScale &&
    a.style.fillOpacity === b.style.fillOpacity &&
    a.style.outlineColor === b.style.outlineColor &&
    a.style.showProjections === b.style.showProjections &&
    a.area.xtl === b.area.xtl &&
    a.area.ytl === b.area.ytl &&
    a.area.xbr === b.area.xbr &&
    a.area.ybr === b.area.ybr &&
    sameDrawing(a.drawn, b.drawn)
  );
}
