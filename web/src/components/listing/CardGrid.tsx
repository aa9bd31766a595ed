// Items as a responsive grid of cards (Projects, Jobs), and the grid of skeleton cards shown
// while the first page loads.
import { Card, Col, Row, Skeleton } from "antd";
import type { ReactNode } from "react";

const COLUMNS = { xs: 24, sm: 12, md: 8, xl: 6 };

interface CardGridProps<Item extends { id: number }> {
  items: Item[];
  testId: string;
  renderCard: (item: Item) => ReactNode;
}

export function CardGrid<Item extends { id: number }>({ items, testId, renderCard }: CardGridProps<Item>) {
  return (
    <Row gutter={[16, 16]} data-testid={testId}>
      {items.map((item) => (
        <Col key={item.id} {...COLUMNS}>
          {renderCard(item)}
        </Col>
      ))}
    </Row>
  );
}

interface CardGridSkeletonProps {
  /** Of the preview on top of each card, in pixels. */
  coverHeight: number;
  titleWidth: string;
  rows: number;
}

export function CardGridSkeleton({ coverHeight, titleWidth, rows }: CardGridSkeletonProps) {
  return (
    <Row gutter={[16, 16]} data-testid="list-loading">
      {Array.from({ length: 8 }, (_, key) => (
        <Col key={key} {...COLUMNS}>
          <Card cover={<Skeleton.Node active style={{ width: "100%", height: coverHeight }} />}>
            <Skeleton active title={{ width: titleWidth }} paragraph={{ rows }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
