// The frame itself inside the viewport group (or a placeholder while it loads).
import { Image as KonvaImage, Rect } from "react-konva";
import type { Size } from "../engine/geometry/coords";

export interface FrameImageProps {
  image: ImageBitmap | undefined;
  imageSize: Size;
}

export function FrameImage({ image, imageSize }: FrameImageProps) {
  return image ? (
    <KonvaImage image={image} width={imageSize.width} height={imageSize.height} listening={false} />
  ) : (
    <Rect width={imageSize.width} height={imageSize.height} fill="rgba(255,255,255,0.06)" listening={false} />
  );
}
