// A task's, project's or job's thumbnail (the server's preview of its first frame), or a neutral
// placeholder when there is none (no media yet, or the request failed).
import { PictureOutlined } from "@ant-design/icons";
import { useState } from "react";
import "./common.css";

export interface PreviewImageProps {
  /** e.g. /api/tasks/3/preview; undefined when the object has no media, so nothing is requested. */
  src: string | undefined;
  alt: string;
  height: number;
  width?: number | string;
  /** Changes the URL so a fresh preview is fetched (after new data or an import). */
  version?: string;
  /** Rounded frame for a standalone picture; list cards draw their own edges. */
  framed?: boolean;
}

export function PreviewImage({ src, alt, height, width = "100%", version, framed = false }: PreviewImageProps) {
  const url = src && version ? `${src}?v=${encodeURIComponent(version)}` : src;
  // Remembering which URL failed lets a new version (new data, an import) try again.
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const className = framed ? "preview preview-framed" : "preview";
  if (!url || failedUrl === url) {
    return (
      <div
        className={`${className} preview-placeholder`}
        style={{ height, width, lineHeight: `${height}px`, fontSize: Math.min(48, height / 3) }}
        role="img"
        aria-label={`${alt}: no preview`}
      >
        <PictureOutlined />
      </div>
    );
  }
  return (
    <img
      className={`${className} preview-image`}
      src={url}
      alt={alt}
      loading="lazy"
      style={{ height, width }}
      onError={() => setFailedUrl(url)}
    />
  );
}
