// The connected file share as a tree: entries of GET /api/server/share turned into tree nodes,
// and checked nodes reduced to the fewest paths that name them (a folder stands for its files).

export interface ShareEntry {
  name: string;
  type: "DIR" | "REG";
  mime_type: string;
}

export interface ShareNode {
  /** The path on the share; folders end with "/". */
  key: string;
  title: string;
  isLeaf: boolean;
  mimeType: string;
  children?: ShareNode[];
}

export function shareNodes(directory: string, entries: ShareEntry[]): ShareNode[] {
  const base = directory === "/" ? "" : directory.replace(/^\/+/, "");
  return entries.map((entry) => ({
    key: entry.type === "DIR" ? `${base}${entry.name}/` : `${base}${entry.name}`,
    title: entry.name,
    isLeaf: entry.type !== "DIR",
    mimeType: entry.mime_type,
  }));
}

/** Puts children under the node with `key`, anywhere in the tree. */
export function withChildren(nodes: ShareNode[], key: string, children: ShareNode[]): ShareNode[] {
  return nodes.map((node) => {
    if (node.key === key) return { ...node, children };
    if (node.children && key.startsWith(node.key)) return { ...node, children: withChildren(node.children, key, children) };
    return node;
  });
}

/** The checked paths without those inside a checked folder. */
export function minimalPaths(checked: string[]): string[] {
  const folders = checked.filter((k) => k.endsWith("/"));
  return checked.filter((k) => !folders.some((f) => f !== k && k.startsWith(f))).sort();
}
