// "Connected file share": the server's share folder as a lazily loaded, checkable tree.
import { FileImageOutlined, FileOutlined, FileZipOutlined, FolderOutlined, VideoCameraOutlined } from "@ant-design/icons";
import { Alert, Empty, Spin, Tree, Typography } from "antd";
import { useEffect, useState, type ReactNode } from "react";
import { requestJson } from "../../api/client";
import { describeError } from "../../api/errors";
import { minimalPaths, shareNodes, withChildren, type ShareEntry, type ShareNode } from "./shareTree";

interface ShareBrowserProps {
  checked: string[];
  onChange: (paths: string[]) => void;
  disabled?: boolean;
}

function listShare(directory: string): Promise<ShareEntry[]> {
  return requestJson<ShareEntry[]>(`/api/server/share?directory=${encodeURIComponent(directory)}`);
}

const ICONS: Record<string, ReactNode> = {
  DIR: <FolderOutlined />,
  image: <FileImageOutlined />,
  video: <VideoCameraOutlined />,
  archive: <FileZipOutlined />,
};

function withIcons(nodes: ShareNode[]): (ShareNode & { icon: ReactNode })[] {
  return nodes.map((node) => ({
    ...node,
    icon: ICONS[node.mimeType] ?? <FileOutlined />,
    children: node.children && withIcons(node.children),
  }));
}

export function ShareBrowser({ checked, onChange, disabled }: ShareBrowserProps) {
  const [nodes, setNodes] = useState<ShareNode[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // What the tree shows as checked: the sent paths and, below a checked folder, its loaded files.
  const [shown, setShown] = useState<string[]>(checked);

  useEffect(() => {
    listShare("/")
      .then((entries) => setNodes(shareNodes("/", entries)))
      .catch((e: unknown) => setError(describeError(e)));
  }, []);

  useEffect(() => {
    if (checked.length === 0) setShown([]);
  }, [checked]);

  if (error) return <Alert type="error" showIcon title="The file share could not be listed" description={error} />;
  if (!nodes) return <Spin tip="Reading the file share…"><div style={{ height: 80 }} /></Spin>;
  if (nodes.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <span>
            The file share is empty. Put files in the server's share folder
            (<Typography.Text code>CONTOUR_SHARE_DIR</Typography.Text>) to pick them here.
          </span>
        }
      />
    );
  }

  const load = async (node: Pick<ShareNode, "key" | "isLeaf" | "children">) => {
    if (node.isLeaf || node.children) return;
    try {
      const children = shareNodes(node.key, await listShare(node.key));
      setNodes((current) => withChildren(current ?? [], node.key, children));
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <div className="files-share" data-testid="share-tree">
      <Tree<ShareNode>
        checkable
        showIcon
        blockNode
        disabled={disabled}
        treeData={withIcons(nodes)}
        checkedKeys={shown}
        loadData={(node) => load(node)}
        onCheck={(keys) => {
          const list = (Array.isArray(keys) ? keys : keys.checked).map(String);
          setShown(list);
          onChange(minimalPaths(list));
        }}
      />
      <Typography.Text type="secondary" style={{ display: "block", marginTop: 8 }}>
        {checked.length === 0 ? "Nothing chosen yet." : `Chosen: ${checked.join(", ")}`}
      </Typography.Text>
    </div>
  );
}
