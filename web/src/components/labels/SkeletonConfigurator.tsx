// The skeleton configurator: tools, the drawing area, the list of points with their names,
// colors and attributes, a background image to trace over, and SVG download/upload.
import {
  DeleteOutlined,
  DownloadOutlined,
  DragOutlined,
  NodeIndexOutlined,
  PictureOutlined,
  PlusOutlined,
  TagsOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import { App, Badge, Button, ColorPicker, Empty, Flex, Input, Modal, Segmented, Tooltip, Typography } from "antd";
import { useRef, useState } from "react";
import { AttributesList } from "./AttributesList";
import type { AttributeDraft, Skeleton } from "./labelDraft";
import { issuePoint, type LabelIssue } from "./labelValidation";
import { removePoint, skeletonFromSvg, skeletonToDocument, SkeletonSvgError, updatePoint } from "./skeleton";
import { SkeletonCanvas, type SkeletonTool } from "./SkeletonCanvas";

interface SkeletonConfiguratorProps {
  skeleton: Skeleton;
  onChange: (next: Skeleton) => void;
  /** Saved skeletons keep their points and edges (annotations refer to them); they may move. */
  locked: boolean;
  issues: LabelIssue[];
  fileName: string;
}

const TOOL_HINTS: Record<SkeletonTool, string> = {
  select: "Drag points to move them; click a point to edit it.",
  add: "Click in the drawing area to add a point.",
  join: "Click two points to join them with an edge; keep clicking to continue the chain.",
  remove: "Click a point or an edge to remove it.",
};

function readFile(file: File, as: "text" | "dataUrl"): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read."));
    if (as === "text") reader.readAsText(file);
    else reader.readAsDataURL(file);
  });
}

function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function SkeletonConfigurator({ skeleton, onChange, locked, issues, fileName }: SkeletonConfiguratorProps) {
  const { message } = App.useApp();
  const [tool, setTool] = useState<SkeletonTool>(locked ? "select" : "add");
  const [selected, setSelected] = useState<number | null>(null);
  const [joinFrom, setJoinFrom] = useState<number | null>(null);
  const [background, setBackground] = useState<string | null>(null);
  const [attributesOf, setAttributesOf] = useState<number | null>(null);
  const svgInput = useRef<HTMLInputElement>(null);
  const imageInput = useRef<HTMLInputElement>(null);

  const invalidPoints = new Set(issues.map(issuePoint).filter((n): n is number => n !== null));
  const pointIssue = (nodeId: number, field: string) =>
    issues.find((i) => i.path === `points.${nodeId}.${field}`)?.message;
  const skeletonIssue = issues.find((i) => i.path === "skeleton")?.message;
  const editedPoint = skeleton.points.find((p) => p.nodeId === attributesOf);

  const chooseTool = (next: SkeletonTool) => {
    setTool(next);
    setJoinFrom(null);
  };

  const uploadSvg = async (file: File) => {
    try {
      const next = skeletonFromSvg(await readFile(file, "text"));
      if (next.points.length === 0) throw new SkeletonSvgError("The file has no skeleton points.");
      onChange(next);
      setSelected(null);
      message.success(`Loaded ${next.points.length} points and ${next.edges.length} edges from ${file.name}.`);
    } catch (error) {
      message.error(`${file.name}: ${(error as Error).message}`);
    }
  };

  const loadBackground = async (file: File) => {
    try {
      setBackground(await readFile(file, "dataUrl"));
    } catch (error) {
      message.error((error as Error).message);
    }
  };

  return (
    <Flex vertical gap={12} data-testid="skeleton-configurator">
      <Flex gap={8} wrap align="center">
        <Segmented<SkeletonTool>
          value={tool}
          onChange={chooseTool}
          options={[
            { value: "select", label: "Move", icon: <DragOutlined /> },
            { value: "add", label: "Add points", icon: <PlusOutlined />, disabled: locked },
            { value: "join", label: "Join", icon: <NodeIndexOutlined />, disabled: locked },
            { value: "remove", label: "Remove", icon: <DeleteOutlined />, disabled: locked },
          ]}
        />
        <Tooltip title="Load an image to trace the skeleton over (it is not saved)">
          <Button icon={<PictureOutlined />} onClick={() => imageInput.current?.click()}>
            Background
          </Button>
        </Tooltip>
        {background && (
          <Button type="text" onClick={() => setBackground(null)}>
            Clear background
          </Button>
        )}
        <Button
          icon={<DownloadOutlined />}
          disabled={skeleton.points.length === 0}
          onClick={() => download(skeletonToDocument(skeleton), `${fileName || "skeleton"}.svg`)}
        >
          Download SVG
        </Button>
        <Button icon={<UploadOutlined />} disabled={locked} onClick={() => svgInput.current?.click()}>
          Upload SVG
        </Button>
        <input
          ref={svgInput}
          type="file"
          accept=".svg,image/svg+xml"
          style={{ display: "none" }}
          data-testid="skeleton-svg-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void uploadSvg(file);
            e.target.value = "";
          }}
        />
        <input
          ref={imageInput}
          type="file"
          accept="image/*"
          style={{ display: "none" }}
          data-testid="skeleton-background-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void loadBackground(file);
            e.target.value = "";
          }}
        />
      </Flex>
      <Typography.Text type={skeletonIssue ? "danger" : "secondary"}>
        {skeletonIssue ?? (locked ? "Points and edges of a saved skeleton are fixed; you can still move and rename points." : TOOL_HINTS[tool])}
      </Typography.Text>
      <div className="skl-layout">
        <SkeletonCanvas
          skeleton={skeleton}
          onChange={onChange}
          tool={tool}
          selected={selected}
          onSelect={setSelected}
          joinFrom={joinFrom}
          onJoinFrom={setJoinFrom}
          background={background}
          invalidPoints={invalidPoints}
        />
        <div className="skl-points" data-testid="skeleton-points">
          <Typography.Text strong>
            Points ({skeleton.points.length}) · Edges ({skeleton.edges.length})
          </Typography.Text>
          {skeleton.points.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No points yet" />
          ) : (
            <Flex vertical gap={4} style={{ marginTop: 8 }}>
              {skeleton.points.map((point) => {
                const nameIssue = pointIssue(point.nodeId, "name");
                return (
                  <div
                    key={point.nodeId}
                    className={`skl-point-row${point.nodeId === selected ? " is-selected" : ""}`}
                    onClick={() => setSelected(point.nodeId)}
                  >
                    <ColorPicker
                      size="small"
                      disabledAlpha
                      value={point.color}
                      onChange={(color) => onChange(updatePoint(skeleton, point.nodeId, { color: color.toHexString() }))}
                    />
                    <Tooltip title={nameIssue} open={nameIssue ? undefined : false}>
                      <Input
                        size="small"
                        aria-label={`Name of point ${point.nodeId}`}
                        status={nameIssue ? "error" : undefined}
                        value={point.name}
                        onChange={(e) => onChange(updatePoint(skeleton, point.nodeId, { name: e.target.value }))}
                      />
                    </Tooltip>
                    <Tooltip title="Attributes of this point">
                      <Badge count={point.attributes.length} size="small" color="#8c8c8c">
                        <Button size="small" icon={<TagsOutlined />} onClick={() => setAttributesOf(point.nodeId)} />
                      </Badge>
                    </Tooltip>
                    <Tooltip title="Remove the point">
                      <Button
                        size="small"
                        type="text"
                        danger
                        disabled={locked}
                        icon={<DeleteOutlined />}
                        aria-label={`Remove point ${point.nodeId}`}
                        onClick={(e) => {
                          e.stopPropagation();
                          onChange(removePoint(skeleton, point.nodeId));
                        }}
                      />
                    </Tooltip>
                  </div>
                );
              })}
            </Flex>
          )}
        </div>
      </div>
      <Modal
        open={editedPoint !== undefined}
        title={`Attributes of point "${editedPoint?.name ?? ""}"`}
        width={900}
        footer={<Button type="primary" onClick={() => setAttributesOf(null)}>Done</Button>}
        onCancel={() => setAttributesOf(null)}
        destroyOnHidden
      >
        {editedPoint && (
          <AttributesList
            attributes={editedPoint.attributes}
            issues={issues}
            pathPrefix={`points.${editedPoint.nodeId}.`}
            onChange={(attributes: AttributeDraft[]) => onChange(updatePoint(skeleton, editedPoint.nodeId, { attributes }))}
          />
        )}
      </Modal>
    </Flex>
  );
}
