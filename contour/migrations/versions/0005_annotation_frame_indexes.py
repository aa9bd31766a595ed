"""annotation frame indexes: exports read tags and shapes by job and frame window

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 19:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_annotation_tags_job_frame', 'annotation_tags', ['job_id', 'frame'], unique=False)
    op.create_index('ix_annotation_shapes_job_frame', 'annotation_shapes', ['job_id', 'frame'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_annotation_shapes_job_frame', table_name='annotation_shapes')
    op.drop_index('ix_annotation_tags_job_frame', table_name='annotation_tags')
