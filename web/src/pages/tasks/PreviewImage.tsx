// The first frame of a task or project as a thumbnail; a neutral placeholder while there is none.
import { PictureOutlined } from "@ant-design/icons";
import { useState, type CSSProperties } from "react";

export interface PreviewImageProps {
  /** e.g. /api/tasks/3/preview */
  src: string;
  alt: string;
  width?: number | string;
  height: number;
  /** Changes the URL so a fresh preview is fetched (after new data or an import). */
  version?: string;
}

export function PreviewImage({ src, alt, width = "100%", height, version }: PreviewImageProps) {
  const url = version ? `${src}?v=${encodeURIComponent(version)}` : src;
  // Remembering which URL failed lets a new version (new data, an import) try again.
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const failed = failedUrl === url;
  const frame: CSSProperties = {
    width,
    height,
    borderRadius: 8,
    overflow: "hidden",
    background: "#eef1f5",
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    flexShrink: 0,
  };
  return (
    <div style={frame}>
      {failed ? (
        <PictureOutlined style={{ fontSize: Math.min(48, height / 3), color: "#b8c0cc" }} aria-label="No preview" />
      ) : (
        <img
          src={url}
          alt={alt}
          onError={() => setFailedUrl(url)}
          style={{ width: "100%", height: "100%", objectFit: "cover" }}
        />
      )}
    </div>
  );
}
