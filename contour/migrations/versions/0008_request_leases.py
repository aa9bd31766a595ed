"""request leases: the worker that claimed a request and its last heartbeat

A started request whose worker died (kill -9, a crash, a restart) stayed `started` forever. With the worker's
identity and a heartbeat on the row, any process can tell and fail it (contour.resources.requests.leases).
Requests started before the upgrade have neither: their lease counts from `started_date`.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08 00:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import contour.db

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('worker', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('heartbeat_date', contour.db.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.drop_column('heartbeat_date')
        batch_op.drop_column('worker')
