// The frame of the signed-out pages: the brand above a centred card, a line of links below it.
import { Card, Typography } from "antd";
import type { ReactNode } from "react";
import styles from "./AuthLayout.module.css";

interface AuthLayoutProps {
  title: string;
  subtitle: string;
  children: ReactNode;
  footer: ReactNode;
}

export function AuthLayout({ title, subtitle, children, footer }: AuthLayoutProps) {
  return (
    <div className={styles.screen}>
      <main className={styles.column}>
        <div className={styles.brand}>
          <img src="/favicon.svg" alt="" width={40} height={40} />
          Contour
        </div>
        <div className={styles.tagline}>Annotate images and video for computer vision</div>
        <Card className={styles.card} variant="borderless" styles={{ body: { padding: 32 } }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {title}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
            {subtitle}
          </Typography.Paragraph>
          {children}
        </Card>
        <div className={styles.footer}>{footer}</div>
      </main>
    </div>
  );
}
