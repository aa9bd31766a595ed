// A list item's preview: the server's thumbnail, or a neutral placeholder when there is none yet.
import { PictureOutlined } from "@ant-design/icons";
import { useState } from "react";
import "./listing.css";

interface PreviewImageProps {
  /** Undefined when the object has no media yet, so no request is made. */
  src: string | undefined;
  alt: string;
  height: number;
  width?: number | string;
}

export function PreviewImage({ src, alt, height, width = "100%" }: PreviewImageProps) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  if (!src || failedSrc === src) {
    return (
      <div
        className="preview-placeholder"
        style={{ height, width, lineHeight: `${height}px` }}
        role="img"
        aria-label={`${alt}: no preview`}
      >
        <PictureOutlined />
      </div>
    );
  }
  return (
    <img
      className="preview-image"
      src={src}
      alt={alt}
      loading="lazy"
      style={{ height, width }}
      onError={() => setFailedSrc(src)}
    />
  );
}
