// Downloads a URL as a file: a plain navigation through a temporary <a download>, so the browser
// streams the body to disk and the session cookie authorises it.
export function downloadFile(url: string): void {
  const link = document.createElement("a");
  link.href = url;
  link.download = "";
  link.rel = "noopener";
  document.body.appendChild(link);
  link.click();
  link.remove();
}
