// The frame itself inside the viewport group (or a placeholder while it loads), with the image
// settings applied (adjustments, grid) and the frame layer's smoothing set from the Player settings.
import type Konva from "konva";
import { useEffect, useRef } from "react";
import { Image as KonvaImage, Rect, Shape } from "react-konva";
import type { Size } from "../engine/geometry/coords";
import { FrameGrid } from "./image/FrameGrid";
import { DEFAULT_IMAGE_SETTINGS, type ImageSettings } from "./image/imageSettings";
import { useAdjustedImage } from "./image/useAdjustedImage";

/** How the frame is shown: image settings and "smooth image". */
export interface FrameView {
  readonly image: ImageSettings;
  readonly smooth: boolean;
}

export const DEFAULT_FRAME_VIEW: FrameView = { image: DEFAULT_IMAGE_SETTINGS, smooth: true };

export interface FrameImageProps {
  image: ImageBitmap | undefined;
  imageSize: Size;
  view?: FrameView;
}

export function FrameImage({ image, imageSize, view = DEFAULT_FRAME_VIEW }: FrameImageProps) {
  const adjusted = useAdjustedImage(image, view.image.adjustments);
  const nodeRef = useRef<Konva.Node>(null);

  // Smoothing is a property of the layer's canvas; set it there and redraw when it changes.
  useEffect(() => {
    const layer = nodeRef.current?.getLayer();
    if (!layer) return;
    layer.imageSmoothingEnabled(view.smooth);
    layer.batchDraw();
  }, [view.smooth, adjusted]);

  const { width, height } = imageSize;
  let frame: React.ReactNode;
  if (adjusted === undefined) {
    frame = <Rect ref={nodeRef as React.Ref<Konva.Rect>} width={width} height={height} fill="rgba(255,255,255,0.06)" listening={false} />;
  } else if (adjusted.filter === null) {
    frame = <KonvaImage ref={nodeRef as React.Ref<Konva.Image>} image={adjusted.source} width={width} height={height} listening={false} />;
  } else {
    // Filtered while drawing, until the adjusted copy is ready (useAdjustedImage).
    const { source, filter } = adjusted;
    frame = (
      <Shape
        ref={nodeRef as React.Ref<Konva.Shape>}
        listening={false}
        width={width}
        height={height}
        sceneFunc={(context) => {
          const native = context._context;
          native.filter = filter;
          native.drawImage(source, 0, 0, width, height);
          native.filter = "none";
        }}
      />
    );
  }

  return (
    <>
      {frame}
      {view.image.grid.show && <FrameGrid grid={view.image.grid} imageSize={imageSize} />}
    </>
  );
}
