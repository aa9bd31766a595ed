// The canvas element's size, followed with a ResizeObserver, and the viewport kept fitted to it:
// fitted when the canvas first has a size and whenever a frame of another size comes, resized
// (keeping zoom and position) when only the canvas changes.
import { useEffect, useState, type Dispatch, type RefObject, type SetStateAction } from "react";
import type { Size } from "../../engine/geometry/coords";
import { fitViewport, resizeCanvas, type Viewport } from "../../engine/geometry/viewport";

const FIT_PADDING_PX = 16;

export function useCanvasSize(
  containerRef: RefObject<HTMLDivElement | null>,
  imageSize: Size,
  setViewport: Dispatch<SetStateAction<Viewport | null>>,
): Size | null {
  const [canvasSize, setCanvasSize] = useState<Size | null>(null);
  useEffect(() => {
    const element = containerRef.current;
    if (element === null) return;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      setCanvasSize({ width: Math.floor(width), height: Math.floor(height) });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (canvasSize === null || canvasSize.width === 0 || canvasSize.height === 0) return;
    setViewport((current) => {
      if (current === null || current.imageSize.width !== imageSize.width || current.imageSize.height !== imageSize.height) {
        return fitViewport(imageSize, canvasSize, current?.rotation ?? 0, FIT_PADDING_PX);
      }
      if (current.canvasSize.width === canvasSize.width && current.canvasSize.height === canvasSize.height) return current;
      return resizeCanvas(current, canvasSize);
    });
  }, [canvasSize, imageSize, setViewport]);

  return canvasSize;
}
