"""user settings: each user's web-app preferences as one JSON document

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 21:20:59.835086
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import contour.db


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('user_settings',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('document', sa.JSON(), nullable=False),
    sa.Column('updated_date', contour.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_settings_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_user_settings'))
    )


def downgrade() -> None:
    op.drop_table('user_settings')
